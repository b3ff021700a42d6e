/**
 * The owners' vote under PRC Civil Code art. 278 and the SPC interpretation on building
 * co-ownership (arts. 8–9). Pure and deterministic: no I/O, no clock, no floats. Areas are integers
 * in hundredths of a square metre; every threshold is compared by cross-multiplication in BigInt.
 */

/** Art. 278 items: 6 raising the maintenance fund, 7 rebuilding, 8 changing use of common parts. */
export type Art278Item = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export const ART_278_ITEMS: readonly Art278Item[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Items 6–8 need three quarters; every other item more than half. */
export const isSpecialMajorityItem = (item: Art278Item) => item >= 6 && item <= 8;

export type Choice = 'for' | 'against' | 'abstain';
export const CHOICES: readonly Choice[] = ['for', 'against', 'abstain'];

/** One unit as registered, with its owners. */
export interface RegisteredUnit {
  unitId: string;
  /** Registered exclusive area in hundredths of m² (89.50 m² → 8950). */
  areaHundredths: number;
  owners: ReadonlyArray<{ ownerId: string; kind: 'person' | 'developer' }>;
}

/** One entry of the frozen voter roll: one ballot, one head, the area of all its units. */
export interface Voter {
  voterId: string;
  ownerIds: string[];
  unitIds: string[];
  areaHundredths: number;
  developer: boolean;
}

/**
 * Builds the voter roll (SPC interpretation arts. 8–9): one head per unit, except that one owner of
 * several units counts once, co-owners of a unit share one ballot, and the developer's unsold units
 * together count once. Owners linked through shared units form one voter, so nobody holds two ballots.
 */
export function buildVoterRoll(units: readonly RegisteredUnit[]): Voter[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const kinds = new Map<string, 'person' | 'developer'>();
  for (const unit of units) {
    if (!Number.isSafeInteger(unit.areaHundredths) || unit.areaHundredths <= 0) {
      throw new RangeError(`unit ${unit.unitId}: area must be a positive integer of hundredths of m²`);
    }
    if (unit.owners.length === 0) throw new RangeError(`unit ${unit.unitId} has no owner`);
    for (const owner of unit.owners) {
      if (!parent.has(owner.ownerId)) parent.set(owner.ownerId, owner.ownerId);
      kinds.set(owner.ownerId, owner.kind);
    }
    for (const owner of unit.owners.slice(1)) union(unit.owners[0].ownerId, owner.ownerId);
  }
  // The developer's units are one owner even if several developer entities are registered.
  const developers = [...kinds].filter(([, kind]) => kind === 'developer').map(([id]) => id);
  for (const developer of developers.slice(1)) union(developers[0], developer);

  const voters = new Map<string, Voter>();
  for (const unit of units) {
    const root = find(unit.owners[0].ownerId);
    const voter = voters.get(root) ?? { voterId: root, ownerIds: [], unitIds: [], areaHundredths: 0, developer: false };
    voter.unitIds.push(unit.unitId);
    voter.areaHundredths += unit.areaHundredths;
    for (const owner of unit.owners) {
      if (!voter.ownerIds.includes(owner.ownerId)) voter.ownerIds.push(owner.ownerId);
      if (owner.kind === 'developer') voter.developer = true;
    }
    voters.set(root, voter);
  }
  return [...voters.values()]
    .map((voter) => ({ ...voter, ownerIds: [...voter.ownerIds].sort(), unitIds: [...voter.unitIds].sort() }))
    .sort((a, b) => (a.voterId < b.voterId ? -1 : a.voterId > b.voterId ? 1 : 0));
}

/** Area and head count of one group of voters. */
export interface Weight {
  areaHundredths: number;
  heads: number;
}

/** What the tally needs: the roll's totals and the ballots' totals by choice. */
export interface VoteTotals {
  roll: Weight;
  for: Weight;
  against: Weight;
  abstain: Weight;
}

export type VoteOutcome = 'passed' | 'rejected' | 'no-quorum';

export interface VoteResult {
  item: Art278Item;
  outcome: VoteOutcome;
  /** The rule applied, for the published result. */
  rule: 'three-quarters' | 'more-than-half';
  quorum: { area: boolean; heads: boolean };
  approval: { area: boolean; heads: boolean };
  participating: Weight;
  totals: VoteTotals;
}

const big = (value: number, what: string) => {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer`);
  return BigInt(value);
};

/** part/whole ≥ num/den, exactly. */
const atLeast = (part: bigint, whole: bigint, num: bigint, den: bigint) => part * den >= whole * num;
/** part/whole > num/den, exactly. */
const moreThan = (part: bigint, whole: bigint, num: bigint, den: bigint) => part * den > whole * num;

/**
 * Art. 278: quorum when the participating owners hold at least 2/3 of the exclusive area AND are at
 * least 2/3 of the owners; then items 6–8 pass with at least 3/4 of the participating area AND
 * owners voting for, every other item with more than 1/2 of both. Abstentions take part but are not for.
 */
export function decideVote(item: Art278Item, totals: VoteTotals): VoteResult {
  if (!ART_278_ITEMS.includes(item)) throw new RangeError(`art. 278 has items 1 to 9, not ${String(item)}`);
  const rollArea = big(totals.roll.areaHundredths, 'roll area');
  const rollHeads = big(totals.roll.heads, 'roll heads');
  const forArea = big(totals.for.areaHundredths, 'for area');
  const forHeads = big(totals.for.heads, 'for heads');
  const partArea = forArea + big(totals.against.areaHundredths, 'against area') + big(totals.abstain.areaHundredths, 'abstain area');
  const partHeads = forHeads + big(totals.against.heads, 'against heads') + big(totals.abstain.heads, 'abstain heads');
  if (partArea > rollArea || partHeads > rollHeads) throw new RangeError('more participation than the roll holds');
  if (rollHeads === 0n || rollArea === 0n) throw new RangeError('the roll is empty');

  const participating = { areaHundredths: Number(partArea), heads: Number(partHeads) };
  const quorum = { area: atLeast(partArea, rollArea, 2n, 3n), heads: atLeast(partHeads, rollHeads, 2n, 3n) };
  const special = isSpecialMajorityItem(item);
  const rule = special ? 'three-quarters' : 'more-than-half';
  const approval =
    partHeads === 0n
      ? { area: false, heads: false }
      : special
        ? { area: atLeast(forArea, partArea, 3n, 4n), heads: atLeast(forHeads, partHeads, 3n, 4n) }
        : { area: moreThan(forArea, partArea, 1n, 2n), heads: moreThan(forHeads, partHeads, 1n, 2n) };
  const outcome: VoteOutcome = !(quorum.area && quorum.heads) ? 'no-quorum' : approval.area && approval.heads ? 'passed' : 'rejected';
  return { item, outcome, rule, quorum, approval, participating, totals };
}

export interface Ballot {
  voterId: string;
  choice: Choice;
}

/** Sums the ballots by choice against the roll; a ballot from outside the roll or a second ballot is an error. */
export function totalsOf(voters: readonly Voter[], ballots: readonly Ballot[]): VoteTotals {
  const byId = new Map(voters.map((voter) => [voter.voterId, voter]));
  const zero = () => ({ areaHundredths: 0, heads: 0 });
  const totals: VoteTotals = { roll: zero(), for: zero(), against: zero(), abstain: zero() };
  for (const voter of voters) {
    totals.roll.areaHundredths += voter.areaHundredths;
    totals.roll.heads += 1;
  }
  const seen = new Set<string>();
  for (const ballot of ballots) {
    const voter = byId.get(ballot.voterId);
    if (!voter) throw new RangeError(`${ballot.voterId} is not on the roll`);
    if (seen.has(ballot.voterId)) throw new RangeError(`${ballot.voterId} voted twice`);
    seen.add(ballot.voterId);
    totals[ballot.choice].areaHundredths += voter.areaHundredths;
    totals[ballot.choice].heads += 1;
  }
  return totals;
}

/** The whole tally from the roll and the ballots. */
export const tallyVote = (item: Art278Item, voters: readonly Voter[], ballots: readonly Ballot[]): VoteResult =>
  decideVote(item, totalsOf(voters, ballots));

/** "89.50" (the registered numeric) → 8950, exactly, without going through a float. */
export function areaToHundredths(area: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(area.trim());
  if (!match) throw new RangeError(`not an area: ${area}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
