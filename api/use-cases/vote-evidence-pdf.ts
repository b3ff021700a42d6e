import PDFDocument from 'pdfkit';
import { formatArea, sha256, ballotsCsv, rollCsv } from '../../domain/vote-evidence';
import { pdfTypeface } from '../../integrations/documents/pdf-typeface';
import type { ApiContext } from '../context';
import { evidenceSummary } from './owners-vote';

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

  const face = pdfTypeface(doc, ctx.settings.pdfFont);
  doc.font(face.bold).fontSize(16).text(`Owners' vote evidence pack: ${vote.voteId}`);
  doc.font(face.regular).fontSize(10).moveDown(0.5);
  const line = (label: string, value: string) => doc.text(`${label}: ${face.text(value)}`);
  line('Matter', vote.title);
  line('Civil Code art. 278 item', String(vote.item));
  line('Notice published', vote.noticeAt);
  line('Voting', `${vote.opensAt} to ${vote.closesAt}`);
  line('Status', vote.status);
  line('Objection period ends', vote.objectionEndsAt ?? '-');
  line('Objections filed', String(objections));
  doc.moveDown(0.5).font(face.bold).text('Digests (SHA-256 of the CSV exports)').font(face.mono).fontSize(8);
  doc.text(`roll    (frozen) ${vote.rollDigest}`);
  doc.text(`roll    (now)    ${rollNow}`);
  doc.text(`ballots (closed) ${vote.ballotsDigest ?? '-'}`);
  doc.text(`ballots (now)    ${ballotsNow ?? '-'}`);
  doc.font(face.regular).fontSize(10).moveDown(0.5);
  const { participation, result } = vote;
  line('Roll', `${participation.rollHeads} owners, ${formatArea(participation.rollArea ?? 0)} m2`);
  line('Participation', `${participation.heads} owners (${participation.headsPercent}%), ${formatArea(participation.area)} m2 (${participation.areaPercent}%)`);
  if (result) {
    const t = result.totals;
    line('For', `${t.for.heads} owners, ${formatArea(t.for.areaHundredths)} m2`);
    line('Against', `${t.against.heads} owners, ${formatArea(t.against.areaHundredths)} m2`);
    line('Abstain', `${t.abstain.heads} owners, ${formatArea(t.abstain.areaHundredths)} m2`);
    line('Rule', `quorum 2/3 of area and owners; ${result.rule}`);
    doc.font(face.bold).text(`Outcome: ${result.outcome}`).font(face.regular);
  }
  doc.addPage().font(face.bold).fontSize(12).text('Voter roll').font(face.mono).fontSize(7);
  for (const voter of roll) doc.text(`${voter.voterId}  ${formatArea(voter.areaHundredths)} m2  units ${voter.unitIds.join(' ')}  owners ${voter.ownerIds.join(' ')}${voter.developer ? '  developer' : ''}`);
  // Ballots name who cast them (often in Chinese), so this table is in the text face, not Courier.
  doc.addPage().font(face.bold).fontSize(12).text('Ballots').font(face.regular).fontSize(7);
  for (const ballot of ballots) doc.text(`${ballot.voterId}  ${ballot.choice}  ${ballot.castAt}  by ${face.text(ballot.castBy)}${ballot.proxyName ? `  proxy ${face.text(ballot.proxyName)}` : ''}`);
  doc.end();
  return done;
}
