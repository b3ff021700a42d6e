import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { ballots, voteRoll } from '../db/schema';

/**
 * The canonical text of a vote's roll and ballots. Their SHA-256 digests are fixed when the roll is
 * frozen and when voting closes, and the evidence pack reprints the same text, so anyone can
 * recompute a digest from the CSV and compare.
 */
export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvLine = (fields: string[]) => `${fields.map(csvField).join(',')}\n`;
export const formatArea = (hundredths: number) => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;

export interface RollRow {
  voterId: string;
  label: string;
  ownerIds: string[];
  unitIds: string[];
  areaHundredths: number;
  developer: boolean;
}

export interface BallotRow {
  voterId: string;
  choice: string;
  castAt: Date;
  castBy: string;
  proxyName: string | null;
}

export function rollCsv(rows: readonly RollRow[]): string {
  return (
    csvLine(['voter_id', 'owner_ids', 'unit_ids', 'area_m2', 'developer']) +
    rows.map((row) => csvLine([row.voterId, row.ownerIds.join(' '), row.unitIds.join(' '), formatArea(row.areaHundredths), String(row.developer)])).join('')
  );
}

export function ballotsCsv(rows: readonly BallotRow[]): string {
  return (
    csvLine(['voter_id', 'choice', 'cast_at', 'cast_by', 'proxy']) +
    rows.map((row) => csvLine([row.voterId, row.choice, row.castAt.toISOString(), row.castBy, row.proxyName ?? ''])).join('')
  );
}

export const loadRoll = (db: Database, voteId: string): Promise<RollRow[]> =>
  db
    .select({
      voterId: voteRoll.voterId,
      label: voteRoll.label,
      ownerIds: voteRoll.ownerIds,
      unitIds: voteRoll.unitIds,
      areaHundredths: voteRoll.areaHundredths,
      developer: voteRoll.developer,
    })
    .from(voteRoll)
    .where(eq(voteRoll.voteId, voteId))
    .orderBy(asc(voteRoll.voterId));

export const loadBallots = (db: Database, voteId: string): Promise<BallotRow[]> =>
  db
    .select({ voterId: ballots.voterId, choice: ballots.choice, castAt: ballots.castAt, castBy: ballots.castBy, proxyName: ballots.proxyName })
    .from(ballots)
    .where(eq(ballots.voteId, voteId))
    .orderBy(asc(ballots.voterId));
