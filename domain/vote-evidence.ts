import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { executePrepared, type Database } from '../db/client';
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
  /** ISO 8601 in UTC with milliseconds, as `Date.toISOString()` writes it. */
  castAt: string;
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
    rows.map((row) => csvLine([row.voterId, row.choice, row.castAt, row.castBy, row.proxyName ?? ''])).join('')
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

/**
 * Every ballot of the vote in the CSV's order. Prepared and without the ORM's row mapping: the tally reads all of
 * them (100,000 for a large community) when voting closes. The time is written by the database as
 * `Date.toISOString()` writes it (UTC, milliseconds truncated), so the text and its digest stay as they were.
 */
export const loadBallots = (db: Database, voteId: string): Promise<BallotRow[]> =>
  executePrepared<BallotRow & Record<string, unknown>>(
    db,
    sql`select voter_id as "voterId", choice, to_char(cast_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "castAt", cast_by as "castBy", proxy_name as "proxyName"
      from ${ballots} where vote_id = ${voteId} order by voter_id`,
  );
