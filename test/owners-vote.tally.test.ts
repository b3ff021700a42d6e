import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  areaToHundredths,
  buildVoterRoll,
  decideVote,
  tallyVote,
  totalsOf,
  type Art278Item,
  type Ballot,
  type Choice,
  type RegisteredUnit,
  type VoteTotals,
} from '../workflows/owners-vote/tally';

const w = (areaHundredths: number, heads: number) => ({ areaHundredths, heads });
const none = w(0, 0);

/** A roll of 300 heads and 30,000.00 m², and ballots given as area/heads per choice. */
function totals(forW: { areaHundredths: number; heads: number }, against = none, abstain = none, roll = w(3_000_000, 300)): VoteTotals {
  return { roll, for: forW, against, abstain };
}

describe('art. 278 quorum: at least 2/3 of the area AND at least 2/3 of the heads take part', () => {
  it('exactly 2/3 of both is a quorum; one hundredth of a m² or one head less is not', () => {
    expect(decideVote(9, totals(w(2_000_000, 200))).quorum).toEqual({ area: true, heads: true });
    expect(decideVote(9, totals(w(1_999_999, 200))).outcome).toBe('no-quorum');
    expect(decideVote(9, totals(w(1_999_999, 200))).quorum).toEqual({ area: false, heads: true });
    expect(decideVote(9, totals(w(2_000_000, 199))).outcome).toBe('no-quorum');
    expect(decideVote(9, totals(w(2_000_000, 199))).quorum).toEqual({ area: true, heads: false });
    expect(decideVote(9, totals(w(2_000_001, 201))).outcome).toBe('passed');
  });

  it('a roll not divisible by 3 rounds the quorum up: 7 heads need 5, not 4', () => {
    const roll = w(700, 7);
    expect(decideVote(1, totals(w(500, 4), none, none, roll)).quorum.heads).toBe(false);
    expect(decideVote(1, totals(w(500, 5), none, none, roll)).quorum.heads).toBe(true);
    // 466.67/700 area ≥ 2/3 needs 467 hundredths of 700.
    expect(decideVote(1, totals(w(466, 7), none, none, roll)).quorum.area).toBe(false);
    expect(decideVote(1, totals(w(467, 7), none, none, roll)).quorum.area).toBe(true);
  });

  it('abstentions count towards the quorum', () => {
    const result = decideVote(9, totals(w(1_100_000, 110), none, w(900_000, 90)));
    expect(result.quorum).toEqual({ area: true, heads: true });
    expect(result.participating).toEqual(w(2_000_000, 200));
  });
});

describe('items 1–5 and 9: more than 1/2 of the participating area AND heads', () => {
  it('exactly half of either is not enough; one more passes', () => {
    // 200 heads, 2,000,000 area take part.
    expect(decideVote(4, totals(w(1_000_001, 101), w(999_999, 99))).outcome).toBe('passed');
    expect(decideVote(4, totals(w(1_000_000, 101), w(1_000_000, 99))).outcome).toBe('rejected');
    expect(decideVote(4, totals(w(1_000_000, 101), w(1_000_000, 99))).approval).toEqual({ area: false, heads: true });
    expect(decideVote(4, totals(w(1_000_001, 100), w(999_999, 100))).outcome).toBe('rejected');
    expect(decideVote(4, totals(w(1_000_001, 100), w(999_999, 100))).approval).toEqual({ area: true, heads: false });
  });

  it('abstentions take part but are not for: they can sink a majority', () => {
    expect(decideVote(9, totals(w(1_000_001, 101), none, w(999_999, 99))).outcome).toBe('passed');
    const result = decideVote(9, totals(w(900_000, 90), w(100_000, 10), w(1_000_000, 100)));
    expect(result.outcome).toBe('rejected');
    expect(result.rule).toBe('more-than-half');
  });
});

describe('items 6–8: at least 3/4 of the participating area AND heads', () => {
  it.each([6, 7, 8] as const)('item %i: exactly 3/4 passes, a hair under fails', (item) => {
    expect(decideVote(item, totals(w(1_500_000, 150), w(500_000, 50))).outcome).toBe('passed');
    expect(decideVote(item, totals(w(1_499_999, 150), w(500_001, 50))).outcome).toBe('rejected');
    expect(decideVote(item, totals(w(1_499_999, 150), w(500_001, 50))).approval).toEqual({ area: false, heads: true });
    expect(decideVote(item, totals(w(1_500_000, 149), w(500_000, 51))).approval).toEqual({ area: true, heads: false });
    expect(decideVote(item, totals(w(1_500_000, 150), w(500_000, 50))).rule).toBe('three-quarters');
  });

  it('a 2/3 majority that would pass item 9 fails items 6–8', () => {
    const twoThirds = totals(w(2_000_000, 200), w(1_000_000, 100));
    expect(decideVote(9, twoThirds).outcome).toBe('passed');
    expect(decideVote(6, twoThirds).outcome).toBe('rejected');
  });

  it('3/4 with abstentions: abstaining heads count in the denominator', () => {
    // 200 take part, 150 for, 50 abstain: exactly 3/4.
    expect(decideVote(7, totals(w(1_500_000, 150), none, w(500_000, 50))).outcome).toBe('passed');
    expect(decideVote(7, totals(w(1_500_000, 150), w(1, 1), w(499_999, 49))).outcome).toBe('passed');
    expect(decideVote(7, totals(w(1_499_000, 149), w(1_000, 1), w(500_000, 50))).outcome).toBe('rejected');
  });
});

describe('bad totals are errors, not outcomes', () => {
  it('rejects fractional areas, more participation than the roll, an empty roll and unknown items', () => {
    expect(() => decideVote(9, totals(w(0.5, 1)))).toThrow(RangeError);
    expect(() => decideVote(9, totals(w(3_000_001, 1)))).toThrow(/more participation/);
    expect(() => decideVote(9, totals(none, none, none, w(0, 0)))).toThrow(/empty/);
    expect(() => decideVote(10 as Art278Item, totals(none))).toThrow(/items 1 to 9/);
  });
});

// ---- the roll (SPC interpretation arts. 8–9) ----

const person = (ownerId: string) => ({ ownerId, kind: 'person' as const });
const developer = (ownerId: string) => ({ ownerId, kind: 'developer' as const });
const unit = (unitId: string, areaHundredths: number, ...owners: RegisteredUnit['owners']): RegisteredUnit => ({ unitId, areaHundredths, owners });

/** The demo community: Zhang owns two units, Li and Wang co-own one, the developer holds six unsold. */
const DEMO: RegisteredUnit[] = [
  unit('b1-101', 8950, person('o-zhang')),
  unit('b1-102', 10175, person('o-zhang')),
  unit('b1-201', 11400, person('o-li'), person('o-wang')),
  unit('b1-202', 12625, person('o-qian')),
  unit('b1-301', 13850, person('o-chen')),
  unit('b1-302', 15075, person('o-zhao')),
  ...['b2-101', 'b2-102', 'b2-201', 'b2-202', 'b2-301', 'b2-302'].map((id, index) => unit(id, 8950 + index * 1225, developer('o-developer'))),
];

describe('the voter roll: one ballot per owner, whatever the number of units', () => {
  const roll = buildVoterRoll(DEMO);

  it('a multi-unit owner is one head with the summed area', () => {
    const zhang = roll.find((voter) => voter.ownerIds.includes('o-zhang'))!;
    expect(zhang).toMatchObject({ unitIds: ['b1-101', 'b1-102'], areaHundredths: 8950 + 10175, developer: false });
  });

  it('co-owners share one ballot', () => {
    const shared = roll.filter((voter) => voter.ownerIds.includes('o-li') || voter.ownerIds.includes('o-wang'));
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ ownerIds: ['o-li', 'o-wang'], unitIds: ['b1-201'], areaHundredths: 11400 });
  });

  it("the developer's unsold units are one owner, even under several developer entities", () => {
    const developers = roll.filter((voter) => voter.developer);
    expect(developers).toHaveLength(1);
    expect(developers[0].unitIds).toHaveLength(6);
    const split = buildVoterRoll([...DEMO.slice(0, 6), unit('b3-1', 100, developer('dev-a')), unit('b3-2', 100, developer('dev-b'))]);
    expect(split.filter((voter) => voter.developer)).toHaveLength(1);
  });

  it('12 units make 6 heads: Zhang, Li+Wang, Qian, Chen, Zhao, the developer', () => {
    expect(roll).toHaveLength(6);
    expect(totalsOf(roll, []).roll).toEqual({ areaHundredths: DEMO.reduce((sum, u) => sum + u.areaHundredths, 0), heads: 6 });
  });

  it('tallies the demo: 4 of 6 heads is the quorum, the developer alone cannot carry the area', () => {
    const voterOf = (ownerId: string) => roll.find((voter) => voter.ownerIds.includes(ownerId))!.voterId;
    const ballots: Ballot[] = [
      { voterId: voterOf('o-zhang'), choice: 'for' },
      { voterId: voterOf('o-li'), choice: 'for' },
      { voterId: voterOf('o-qian'), choice: 'abstain' },
      { voterId: voterOf('o-developer'), choice: 'for' },
    ];
    const result = tallyVote(9, roll, ballots);
    expect(result.participating.heads).toBe(4);
    expect(result.quorum).toEqual({ area: true, heads: true });
    expect(result.outcome).toBe('passed');
    expect(tallyVote(9, roll, ballots.slice(0, 3)).outcome).toBe('no-quorum');
    expect(() => tallyVote(9, roll, [...ballots, { voterId: voterOf('o-zhang'), choice: 'against' }])).toThrow(/twice/);
    expect(() => tallyVote(9, roll, [{ voterId: 'nobody', choice: 'for' }])).toThrow(/not on the roll/);
  });

  it('rejects a unit without owners or with a non-integer area', () => {
    expect(() => buildVoterRoll([unit('x', 100)])).toThrow(/no owner/);
    expect(() => buildVoterRoll([unit('x', 10.5, person('a'))])).toThrow(/positive integer/);
  });

  it('reads registered areas exactly', () => {
    expect(areaToHundredths('89.50')).toBe(8950);
    expect(areaToHundredths('101.75')).toBe(10175);
    expect(areaToHundredths('120')).toBe(12000);
    expect(areaToHundredths('0.1')).toBe(10);
    expect(() => areaToHundredths('1e3')).toThrow(RangeError);
  });
});

// ---- properties ----

const registry = fc
  .array(
    fc.record({
      areaHundredths: fc.integer({ min: 1, max: 50_000 }),
      owners: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 3 }),
      developer: fc.boolean(),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((rows) =>
    rows.map((row, index): RegisteredUnit =>
      row.developer ? unit(`u${index}`, row.areaHundredths, developer('dev')) : unit(`u${index}`, row.areaHundredths, ...row.owners.map((o) => person(`o${o}`))),
    ),
  );

const choice = fc.constantFrom<Choice | null>('for', 'against', 'abstain', null);
const item = fc.constantFrom<Art278Item>(1, 2, 3, 4, 5, 6, 7, 8, 9);

/** The thresholds restated with integer division (ceil / floor), independent of the cross-multiplication. */
function reference(itemNo: Art278Item, t: VoteTotals) {
  const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);
  const part = w(t.for.areaHundredths + t.against.areaHundredths + t.abstain.areaHundredths, t.for.heads + t.against.heads + t.abstain.heads);
  const quorum = part.areaHundredths >= ceilDiv(2 * t.roll.areaHundredths, 3) && part.heads >= ceilDiv(2 * t.roll.heads, 3);
  if (!quorum) return 'no-quorum';
  const special = itemNo >= 6 && itemNo <= 8;
  const needed = (whole: number) => (special ? ceilDiv(3 * whole, 4) : Math.floor(whole / 2) + 1);
  return t.for.areaHundredths >= needed(part.areaHundredths) && t.for.heads >= needed(part.heads) ? 'passed' : 'rejected';
}

describe('properties (fast-check)', () => {
  it('the roll keeps every unit once, every owner in exactly one voter, the area whole, and one developer voter', () => {
    fc.assert(
      fc.property(registry, (units) => {
        const roll = buildVoterRoll(units);
        expect(roll.flatMap((voter) => voter.unitIds).sort()).toEqual(units.map((u) => u.unitId).sort());
        const owners = roll.flatMap((voter) => voter.ownerIds);
        expect(new Set(owners).size).toBe(owners.length);
        expect(roll.reduce((sum, voter) => sum + voter.areaHundredths, 0)).toBe(units.reduce((sum, u) => sum + u.areaHundredths, 0));
        expect(roll.filter((voter) => voter.developer).length).toBe(units.some((u) => u.owners[0].kind === 'developer') ? 1 : 0);
        // Co-owners of a unit are always in the same voter.
        for (const u of units) expect(new Set(u.owners.map((o) => roll.find((v) => v.ownerIds.includes(o.ownerId))!.voterId)).size).toBe(1);
        // Never more heads than units.
        expect(roll.length).toBeLessThanOrEqual(units.length);
      }),
    );
  });

  it('the tally agrees with the thresholds restated by integer division', () => {
    fc.assert(
      fc.property(registry, item, fc.array(choice, { minLength: 60, maxLength: 60 }), (units, itemNo, choices) => {
        const roll = buildVoterRoll(units);
        const ballots = roll.flatMap((voter, index) => (choices[index] ? [{ voterId: voter.voterId, choice: choices[index] }] : []));
        const result = tallyVote(itemNo, roll, ballots);
        expect(result.outcome).toBe(reference(itemNo, result.totals));
      }),
    );
  });

  it('is independent of the order of the ballots and of the roll', () => {
    fc.assert(
      fc.property(registry, item, fc.array(choice, { minLength: 60, maxLength: 60 }), (units, itemNo, choices) => {
        const roll = buildVoterRoll(units);
        const ballots = roll.flatMap((voter, index) => (choices[index] ? [{ voterId: voter.voterId, choice: choices[index] }] : []));
        expect(tallyVote(itemNo, [...roll].reverse(), [...ballots].reverse())).toEqual(tallyVote(itemNo, roll, ballots));
        expect(buildVoterRoll([...units].reverse())).toEqual(roll);
      }),
    );
  });

  it('turning a ballot to "for" never turns a pass into a failure; an extra abstention never loses the quorum', () => {
    fc.assert(
      fc.property(registry, item, fc.array(choice, { minLength: 60, maxLength: 60 }), fc.nat(), (units, itemNo, choices, pick) => {
        const roll = buildVoterRoll(units);
        const ballots = roll.flatMap((voter, index) => (choices[index] ? [{ voterId: voter.voterId, choice: choices[index] }] : []));
        const before = tallyVote(itemNo, roll, ballots);
        const target = roll[pick % roll.length].voterId;
        const changed = [...ballots.filter((b) => b.voterId !== target), { voterId: target, choice: 'for' as const }];
        const after = tallyVote(itemNo, roll, changed);
        if (before.outcome === 'passed') expect(after.outcome).toBe('passed');
        const abstained = [...ballots.filter((b) => b.voterId !== target), { voterId: target, choice: 'abstain' as const }];
        if (before.quorum.area && before.quorum.heads) expect(tallyVote(itemNo, roll, abstained).outcome).not.toBe('no-quorum');
      }),
    );
  });

  it('at the boundary: a roll of N heads has its quorum at exactly ceil(2N/3) heads', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (heads) => {
        const needed = Math.ceil((2 * heads) / 3);
        const roll = w(heads * 100, heads);
        expect(decideVote(9, totals(w(heads * 100, needed), none, none, roll)).quorum.heads).toBe(true);
        if (needed > 0) expect(decideVote(9, totals(w(heads * 100, needed - 1), none, none, roll)).quorum.heads).toBe(false);
      }),
    );
  });
});
