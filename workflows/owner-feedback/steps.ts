/**
 * Owner feedback steps (P4.1b). Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const OWNER_FEEDBACK_STEPS = {
  feedbackSubmitted: { id: 'feedbackSubmitted', kind: 'startEvent', clause: 'P4.1a', title: 'Feedback submitted', label: { 'zh-CN': '已提交', en: 'Submitted' } },
  routeToDepartment: { id: 'routeToDepartment', kind: 'serviceTask', clause: 'P4.1b', title: 'Route to the responsible department', label: { 'zh-CN': '分派责任部门', en: 'Routed to the department' } },
  firstReply: { id: 'firstReply', kind: 'userTask', clause: 'P4.1b', title: 'First reply to the owner', label: { 'zh-CN': '首次答复', en: 'First reply' } },
  firstReplyLate: { id: 'firstReplyLate', kind: 'boundaryEvent', clause: 'P4.1b', title: 'First reply late: supervisor told', label: { 'zh-CN': '答复超时，主管介入', en: 'Reply late: supervisor told' } },
  escalatedToManagement: { id: 'escalatedToManagement', kind: 'boundaryEvent', clause: 'P4.1b', title: 'Still no reply: management told', label: { 'zh-CN': '仍未答复，上报管理层', en: 'Still no reply: management told' } },
  followUp: { id: 'followUp', kind: 'userTask', clause: 'P4.1b', title: 'Follow up and report back', label: { 'zh-CN': '跟进处理', en: 'Following up' } },
  confirmResolution: { id: 'confirmResolution', kind: 'userTask', clause: 'P4.1b', title: 'Owner confirms or reopens, and rates', label: { 'zh-CN': '业主确认并评价', en: 'Owner confirms and rates' } },
  confirmationLapsed: { id: 'confirmationLapsed', kind: 'boundaryEvent', clause: 'P4.1b', title: 'Owner did not answer: closed unconfirmed', label: { 'zh-CN': '业主未确认，自动关闭', en: 'Closed unconfirmed' } },
  assessSuggestion: { id: 'assessSuggestion', kind: 'userTask', clause: 'P4.1b', title: 'Assess the suggestion', label: { 'zh-CN': '评估建议', en: 'Assessing the suggestion' } },
  recordImprovement: { id: 'recordImprovement', kind: 'serviceTask', clause: 'P4.1b', title: 'Adopted: record an improvement item', label: { 'zh-CN': '采纳：登记改进事项', en: 'Adopted: improvement recorded' } },
  closeFeedback: { id: 'closeFeedback', kind: 'serviceTask', clause: 'P4.1b', title: 'Store the outcome', label: { 'zh-CN': '归档处理结果', en: 'Filing the outcome' } },
  feedbackClosed: { id: 'feedbackClosed', kind: 'endEvent', clause: 'P4.1b', title: 'Feedback closed', label: { 'zh-CN': '已办结', en: 'Closed' } },
} as const;

export type OwnerFeedbackStepId = keyof typeof OWNER_FEEDBACK_STEPS;
