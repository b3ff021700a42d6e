import PDFDocument from 'pdfkit';
import { formatArea, sha256, ballotsCsv, rollCsv } from '../../activities/vote-evidence';
import type { ApiContext } from '../context';
import { evidenceSummary } from './owners-vote';

/** Keeps the PDF to the standard fonts: names become ids, other characters a '?'. */
const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').replace(/\?{2,}/g, '?');

/**
 * The evidence pack's PDF: the vote, the tally, and the SHA-256 digests of the roll and the ballots
 * (recomputed from the records now and shown beside the digests fixed at freeze and close), then
 * every voter and ballot by id.
 */
export async function votePdf(ctx: ApiContext, voteId: string): Promise<Buffer> {
  const { vote, objections, roll, ballots } = await evidenceSummary(ctx, voteId);
  const rollNow = sha256(rollCsv(roll));
  const ballotsNow = ballots.length && vote.ballotsDigest ? sha256(ballotsCsv(ballots)) : null;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: {
      Title: `Owners' vote ${vote.voteId} evidence`,
      Subject: `roll-sha256=${vote.rollDigest} ballots-sha256=${vote.ballotsDigest ?? 'open'}`,
      Keywords: `owners-vote, art. 278, ${vote.voteId}`,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.font('Helvetica-Bold').fontSize(16).text(`Owners' vote evidence pack: ${vote.voteId}`);
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
  const line = (label: string, value: string) => doc.text(`${label}: ${ascii(value)}`);
  line('Matter', vote.title);
  line('Civil Code art. 278 item', String(vote.item));
  line('Notice published', vote.noticeAt);
  line('Voting', `${vote.opensAt} to ${vote.closesAt}`);
  line('Status', vote.status);
  line('Objection period ends', vote.objectionEndsAt ?? '-');
  line('Objections filed', String(objections));
  doc.moveDown(0.5).font('Helvetica-Bold').text('Digests (SHA-256 of the CSV exports)').font('Courier').fontSize(8);
  doc.text(`roll    (frozen) ${vote.rollDigest}`);
  doc.text(`roll    (now)    ${rollNow}`);
  doc.text(`ballots (closed) ${vote.ballotsDigest ?? '-'}`);
  doc.text(`ballots (now)    ${ballotsNow ?? '-'}`);
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
  const { participation, result } = vote;
  line('Roll', `${participation.rollHeads} owners, ${formatArea(participation.rollArea ?? 0)} m2`);
  line('Participation', `${participation.heads} owners (${participation.headsPercent}%), ${formatArea(participation.area)} m2 (${participation.areaPercent}%)`);
  if (result) {
    const t = result.totals;
    line('For', `${t.for.heads} owners, ${formatArea(t.for.areaHundredths)} m2`);
    line('Against', `${t.against.heads} owners, ${formatArea(t.against.areaHundredths)} m2`);
    line('Abstain', `${t.abstain.heads} owners, ${formatArea(t.abstain.areaHundredths)} m2`);
    line('Rule', `quorum 2/3 of area and owners; ${result.rule}`);
    doc.font('Helvetica-Bold').text(`Outcome: ${result.outcome}`).font('Helvetica');
  }
  doc.addPage().font('Helvetica-Bold').fontSize(12).text('Voter roll').font('Courier').fontSize(7);
  for (const voter of roll) doc.text(`${voter.voterId}  ${formatArea(voter.areaHundredths)} m2  units ${voter.unitIds.join(' ')}  owners ${voter.ownerIds.join(' ')}${voter.developer ? '  developer' : ''}`);
  doc.addPage().font('Helvetica-Bold').fontSize(12).text('Ballots').font('Courier').fontSize(7);
  for (const ballot of ballots) doc.text(`${ballot.voterId}  ${ballot.choice}  ${ballot.castAt.toISOString()}  by ${ascii(ballot.castBy)}${ballot.proxyName ? `  proxy ${ascii(ballot.proxyName)}` : ''}`);
  doc.end();
  return done;
}
