/**
 * Data review steps (P5.1a–b, maker-checker). Each id is the BPMN element id in diagram.bpmn; each carries its
 * policy clause.
 */
export const DATA_REVIEW_STEPS = {
  changeSubmitted: { id: 'changeSubmitted', kind: 'startEvent', clause: 'P5.1b', title: 'Maker submits a change (a draft that changes nothing)', label: { 'zh-CN': '提交变更', en: 'Change submitted' } },
  prepareReview: { id: 'prepareReview', kind: 'serviceTask', clause: 'P5.1a', title: 'Diff and collection-standard checks', label: { 'zh-CN': '比对与标准校验', en: 'Diff and standard checks' } },
  checkChange: { id: 'checkChange', kind: 'userTask', clause: 'P5.1b', title: 'Checker (never the maker) approves or returns', label: { 'zh-CN': '审核变更', en: 'Checking the change' } },
  approveChange: { id: 'approveChange', kind: 'userTask', clause: 'P5.1b', title: 'Management approves an area or ownership change second', label: { 'zh-CN': '管理层复核', en: 'Second approval' } },
  recordReturn: { id: 'recordReturn', kind: 'serviceTask', clause: 'P5.1b', title: "Record the return and its reasons in the record's history", label: { 'zh-CN': '记录退回', en: 'Recording the return' } },
  correctChange: { id: 'correctChange', kind: 'userTask', clause: 'P5.1b', title: 'Maker corrects and resubmits, or withdraws', label: { 'zh-CN': '修改或撤回', en: 'Correcting the change' } },
  applyChange: { id: 'applyChange', kind: 'serviceTask', clause: 'P5.1b', title: 'Apply in one transaction, with maker, checker, times and diff', label: { 'zh-CN': '写入并记录', en: 'Applying the change' } },
  startFollowUps: { id: 'startFollowUps', kind: 'serviceTask', clause: 'P4.2b', title: "What follows from the data: an owner who moved out loses their door access", label: { 'zh-CN': '后续处理', en: 'Follow-ups' } },
  changeApplied: { id: 'changeApplied', kind: 'endEvent', clause: 'P5.1b', title: 'Change applied', label: { 'zh-CN': '已生效', en: 'Applied' } },
  changeWithdrawn: { id: 'changeWithdrawn', kind: 'endEvent', clause: 'P5.1b', title: 'Change withdrawn', label: { 'zh-CN': '已撤回', en: 'Withdrawn' } },
} as const;

export type DataReviewStepId = keyof typeof DATA_REVIEW_STEPS;
