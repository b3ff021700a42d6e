/**
 * Device upgrade steps (P3.3a plan, P3.3b execution: backup → test → apply → verify → roll back). Each id is the
 * BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const DEVICE_UPGRADE_STEPS = {
  planDrafted: { id: 'planDrafted', kind: 'startEvent', clause: 'P3.3a', title: 'Tech supervisor drafts the plan: what, which devices, window, risk, rollback, waves', label: { 'zh-CN': '拟定升级计划', en: 'Plan drafted' } },
  reviewPlan: { id: 'reviewPlan', kind: 'userTask', clause: 'P3.3a', title: 'Tech supervisor approves or rejects the plan', label: { 'zh-CN': '技术主管审批', en: "Tech supervisor's approval" } },
  approvePlan: { id: 'approvePlan', kind: 'userTask', clause: 'P3.3a', title: 'Management approves a high-risk plan, or one touching access control or alarms', label: { 'zh-CN': '管理层审批', en: "Management's approval" } },
  planRejected: { id: 'planRejected', kind: 'endEvent', clause: 'P3.3a', title: 'Plan rejected', label: { 'zh-CN': '计划未获批准', en: 'Plan rejected' } },
  awaitWindow: { id: 'awaitWindow', kind: 'intermediateCatchEvent', clause: 'P3.3b', title: 'The upgrade window opens', label: { 'zh-CN': '等待升级窗口', en: 'Waiting for the window' } },
  backupDevices: { id: 'backupDevices', kind: 'serviceTask', clause: 'P3.3b', title: "Back up each device's configuration (encrypted, with its SHA-256)", label: { 'zh-CN': '备份设备配置', en: 'Backing up configurations' } },
  testCanary: { id: 'testCanary', kind: 'serviceTask', clause: 'P3.3b', title: 'Upgrade the canary device first and verify it', label: { 'zh-CN': '试点设备升级与验证', en: 'Canary upgrade and test' } },
  applyWave: { id: 'applyWave', kind: 'serviceTask', clause: 'P3.3b', title: "Upload the firmware to a wave's devices, watch the progress, wait for the reboot", label: { 'zh-CN': '分批升级', en: 'Upgrading a wave' } },
  verifyWave: { id: 'verifyWave', kind: 'serviceTask', clause: 'P3.3b', title: "Verify each device: back, heartbeating, on the target version, its functions work", label: { 'zh-CN': '升级后验证', en: 'Verifying the wave' } },
  rollBackDevices: { id: 'rollBackDevices', kind: 'serviceTask', clause: 'P3.3b', title: 'Roll back each failed device: previous firmware and saved configuration, verified', label: { 'zh-CN': '回退失败设备', en: 'Rolling back failed devices' } },
  decideAfterFailure: { id: 'decideAfterFailure', kind: 'userTask', clause: 'P3.3b', title: 'Tech supervisor decides: continue, retry the failed devices, or abort', label: { 'zh-CN': '失败后决定', en: 'Decision after a failure' } },
  pauseBetweenWaves: { id: 'pauseBetweenWaves', kind: 'intermediateCatchEvent', clause: 'P3.3b', title: 'Pause between waves', label: { 'zh-CN': '批次间暂停', en: 'Pause between waves' } },
  recordOutcome: { id: 'recordOutcome', kind: 'serviceTask', clause: 'P3.3b', title: 'Record the plan: per device versions, backup, checks, durations; who approved', label: { 'zh-CN': '记录升级结果', en: 'Recording the outcome' } },
  upgradeCompleted: { id: 'upgradeCompleted', kind: 'endEvent', clause: 'P3.3b', title: 'Every wave done', label: { 'zh-CN': '升级完成', en: 'Upgrade completed' } },
  upgradeStopped: { id: 'upgradeStopped', kind: 'endEvent', clause: 'P3.3b', title: 'Stopped: the canary failed, failures passed the threshold, or the window closed', label: { 'zh-CN': '升级已停止', en: 'Upgrade stopped' } },
  upgradeAborted: { id: 'upgradeAborted', kind: 'endEvent', clause: 'P3.3b', title: 'Aborted by the tech supervisor', label: { 'zh-CN': '升级已中止', en: 'Upgrade aborted' } },
} as const;

export type DeviceUpgradeStepId = keyof typeof DEVICE_UPGRADE_STEPS;
