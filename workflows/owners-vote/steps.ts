/**
 * Owners' vote steps (P2.1c, Civil Code art. 278). Each id is the BPMN element id in diagram.bpmn;
 * each carries its policy clause.
 */
export const OWNERS_VOTE_STEPS = {
  voteRequested: { id: 'voteRequested', kind: 'startEvent', clause: 'P2.1c', title: 'Vote requested for a major matter', label: { 'zh-CN': '提请业主表决', en: 'Vote requested for a major matter' } },
  publishNotice: { id: 'publishNotice', kind: 'serviceTask', clause: 'P2.1c', title: 'Publish the notice ahead of the vote', label: { 'zh-CN': '发布表决公告', en: 'Publish the notice ahead of the vote' } },
  noticePeriodElapsed: { id: 'noticePeriodElapsed', kind: 'intermediateCatchEvent', clause: 'P2.1c', title: 'Notice period elapsed', label: { 'zh-CN': '公告期届满', en: 'Notice period elapsed' } },
  freezeVoterRoll: { id: 'freezeVoterRoll', kind: 'serviceTask', clause: 'P2.1c', title: 'Freeze the voter roll (art. 278, SPC arts. 8–9)', label: { 'zh-CN': '冻结表决名册', en: 'Freeze the voter roll (art. 278, SPC arts. 8–9)' } },
  collectBallots: { id: 'collectBallots', kind: 'receiveTask', clause: 'P2.1c', title: 'Owners cast ballots (one per owner)', label: { 'zh-CN': '业主投票', en: 'Owners cast ballots (one per owner)' } },
  votingDeadline: { id: 'votingDeadline', kind: 'intermediateCatchEvent', clause: 'P2.1c', title: 'Voting deadline', label: { 'zh-CN': '投票截止', en: 'Voting deadline' } },
  tallyVotes: { id: 'tallyVotes', kind: 'serviceTask', clause: 'P2.1c', title: 'Tally under art. 278 (quorum 2/3; 3/4 or more than 1/2)', label: { 'zh-CN': '计票', en: 'Tally under art. 278 (quorum 2/3; 3/4 or more than 1/2)' } },
  publishResult: { id: 'publishResult', kind: 'serviceTask', clause: 'P2.1c', title: 'Publish the result', label: { 'zh-CN': '公布结果', en: 'Publish the result' } },
  objectionPeriodElapsed: { id: 'objectionPeriodElapsed', kind: 'intermediateCatchEvent', clause: 'P2.1c', title: 'Objection period elapsed', label: { 'zh-CN': '异议期届满', en: 'Objection period elapsed' } },
  voteClosed: { id: 'voteClosed', kind: 'endEvent', clause: 'P2.1c', title: 'Result final', label: { 'zh-CN': '结果生效', en: 'Result final' } },
} as const;

export type OwnersVoteStepId = keyof typeof OWNERS_VOTE_STEPS;
