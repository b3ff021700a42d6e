/**
 * Owners' vote steps (P2.1c, Civil Code art. 278). Each id is the BPMN element id in diagram.bpmn;
 * each carries its policy clause.
 */
export const OWNERS_VOTE_STEPS = {
  voteRequested: { id: 'voteRequested', kind: 'startEvent', clause: 'P2.1c', title: 'Vote requested for a major matter' },
  publishNotice: { id: 'publishNotice', kind: 'serviceTask', clause: 'P2.1c', title: 'Publish the notice ahead of the vote' },
  noticePeriodElapsed: { id: 'noticePeriodElapsed', kind: 'intermediateCatchEvent', clause: 'P2.1c', title: 'Notice period elapsed' },
  freezeVoterRoll: { id: 'freezeVoterRoll', kind: 'serviceTask', clause: 'P2.1c', title: 'Freeze the voter roll (art. 278, SPC arts. 8–9)' },
  collectBallots: { id: 'collectBallots', kind: 'receiveTask', clause: 'P2.1c', title: 'Owners cast ballots (one per owner)' },
  votingDeadline: { id: 'votingDeadline', kind: 'intermediateCatchEvent', clause: 'P2.1c', title: 'Voting deadline' },
  tallyVotes: { id: 'tallyVotes', kind: 'serviceTask', clause: 'P2.1c', title: 'Tally under art. 278 (quorum 2/3; 3/4 or more than 1/2)' },
  publishResult: { id: 'publishResult', kind: 'serviceTask', clause: 'P2.1c', title: 'Publish the result' },
  objectionPeriodElapsed: { id: 'objectionPeriodElapsed', kind: 'intermediateCatchEvent', clause: 'P2.1c', title: 'Objection period elapsed' },
  voteClosed: { id: 'voteClosed', kind: 'endEvent', clause: 'P2.1c', title: 'Result final' },
} as const;

export type OwnersVoteStepId = keyof typeof OWNERS_VOTE_STEPS;
