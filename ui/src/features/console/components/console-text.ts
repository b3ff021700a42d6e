import type { Language } from '../../../lib/i18n';

/** The console's own words, zh-CN first; kept in the feature so it reads on its own. */
const TEXT = {
  title: ['监控中心', 'Control room'],
  live: ['实时', 'Live'],
  offline: ['连接中断，正在重连…', 'Disconnected, reconnecting…'],
  incidents: ['报警事件', 'Alarm incidents'],
  noIncidents: ['当前没有报警', 'No alarms'],
  zone: ['区域', 'Zone'],
  type: ['类型', 'Type'],
  repeats: ['次数', 'Repeats'],
  age: ['持续', 'Age'],
  status: ['状态', 'Status'],
  guard: ['保安', 'Guard'],
  cameras: ['摄像机', 'Cameras'],
  actions: ['操作', 'Actions'],
  acknowledge: ['确认出警', 'Acknowledge'],
  assign: ['指派', 'Assign'],
  chooseGuard: ['选择保安', 'Choose a guard'],
  detectorInactive: ['探测器已恢复（仍锁定）', 'detector quiet (latched)'],
  devices: ['设备状态', 'Device health'],
  lastSeen: ['最后上报', 'Last seen'],
  repair: ['维修单', 'Repair'],
  restarted: ['编号重启', 'Numbering restarted'],
  'status.open': ['新报警', 'new'],
  'status.dispatched': ['已派警', 'dispatched'],
  'status.acknowledged': ['已确认', 'acknowledged'],
  'status.on-site': ['已到场', 'on site'],
  'status.closed': ['已关闭', 'closed'],
  'health.streaming': ['在线', 'streaming'],
  'health.stale': ['上报延迟', 'stale'],
  'health.down': ['离线', 'down'],
  'health.unknown': ['未上报', 'not yet heard'],
} as const;

export type ConsoleTextKey = keyof typeof TEXT;

export const consoleText = (language: Language) => (key: ConsoleTextKey) => TEXT[key][language === 'en' ? 1 : 0];
