/**
 * Backup steps (P5.2b: data backed up regularly, full plus incremental, stored off-site, and proven by a restore).
 * Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const BACKUP_STEPS = {
  backupDue: { id: 'backupDue', kind: 'startEvent', clause: 'P5.2b', title: 'Backup or drill due (Schedule or request)', label: { 'zh-CN': '备份或恢复演练到期', en: 'Backup or drill due' } },
  backupDatabase: { id: 'backupDatabase', kind: 'serviceTask', clause: 'P5.2b', title: "Back up Steward's PostgreSQL (pgBackRest)", label: { 'zh-CN': '备份数据库', en: "Back up Steward's PostgreSQL (pgBackRest)" } },
  backupFiles: { id: 'backupFiles', kind: 'serviceTask', clause: 'P5.2b', title: "Back up Temporal's state and the attachments (restic)", label: { 'zh-CN': '备份流程引擎数据与附件', en: "Back up Temporal's state and the attachments (restic)" } },
  applyRetention: { id: 'applyRetention', kind: 'serviceTask', clause: 'P5.2b', title: 'Keep the newest full chains', label: { 'zh-CN': '按保留策略清理旧备份链', en: 'Keep the newest full chains' } },
  copyOffsite: { id: 'copyOffsite', kind: 'serviceTask', clause: 'P5.2b', title: 'Copy off-site and compare', label: { 'zh-CN': '复制到异地并核对', en: 'Copy off-site and compare' } },
  restoreDrill: { id: 'restoreDrill', kind: 'serviceTask', clause: 'P5.2b', title: 'Restore the latest chain into a scratch server and compare', label: { 'zh-CN': '恢复演练：恢复最新备份链并逐表核对', en: 'Restore drill: restore the latest chain and compare each table' } },
  openFaultRepair: { id: 'openFaultRepair', kind: 'serviceTask', clause: 'P5.2b', title: 'Open a fault repair for the tech supervisor', label: { 'zh-CN': '报修：通知技术主管', en: 'Open a fault repair for the tech supervisor' } },
  backedUp: { id: 'backedUp', kind: 'endEvent', clause: 'P5.2b', title: 'Backed up', label: { 'zh-CN': '备份完成', en: 'Backed up' } },
  drillPassed: { id: 'drillPassed', kind: 'endEvent', clause: 'P5.2b', title: 'Drill passed', label: { 'zh-CN': '恢复演练通过', en: 'Drill passed' } },
  failureReported: { id: 'failureReported', kind: 'endEvent', clause: 'P5.2b', title: 'Failure reported', label: { 'zh-CN': '失败已报修', en: 'Failure reported' } },
} as const;

export type BackupStepId = keyof typeof BACKUP_STEPS;
