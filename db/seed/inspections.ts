import type { Database } from '../client';
import { inspectionPlans } from '../schema';

const DAY = 86_400;

/** Demo inspection plans (P3.1a): hardware state, network connectivity, software function. */
export const DEMO_INSPECTION_PLANS: Array<typeof inspectionPlans.$inferInsert> = [
  {
    id: 'cctv-weekly',
    title: '每周监控硬件巡检 Weekly CCTV hardware check',
    responsibleRole: 'technician',
    cycleSeconds: 7 * DAY,
    dueWithinSeconds: 2 * DAY,
    checklist: [
      { id: 'b1-lobby-camera', text: '1号楼大堂摄像机画面清晰、外壳完好 B1 lobby camera: clear picture, housing intact', system: 'cctv', deviceId: 'cam-b1-lobby' },
      { id: 'b2-lobby-camera', text: '2号楼大堂摄像机画面清晰、外壳完好 B2 lobby camera: clear picture, housing intact', system: 'cctv', deviceId: 'cam-b2-lobby' },
      { id: 'gate-camera', text: '正门摄像机夜视正常 Main gate camera: night vision works', system: 'cctv', deviceId: 'cam-gate' },
      { id: 'car-park-camera', text: '车库摄像机无遮挡 Car park camera: view not blocked', system: 'cctv', deviceId: 'cam-car-park' },
    ],
    createdBy: 'u-techsup',
  },
  {
    id: 'network-daily',
    title: '每日网络连通性检查 Daily network connectivity check',
    responsibleRole: 'monitoring-operator',
    cycleSeconds: DAY,
    dueWithinSeconds: 4 * 3600,
    zoneId: 'z-main-gate',
    checklist: [
      { id: 'core-switch', text: '核心交换机端口与上联正常 Core switch: ports and uplink up', system: 'network', deviceId: 'switch-core' },
      { id: 'cameras-online', text: '所有摄像机在线 All cameras online on the VMS', system: 'cctv' },
      { id: 'door-controllers-online', text: '门禁控制器在线 Door controllers reachable', system: 'access-control' },
    ],
    createdBy: 'u-techsup',
  },
  {
    id: 'access-control-monthly',
    title: '每月门禁软件功能检查 Monthly access-control software check',
    responsibleRole: 'technician',
    cycleSeconds: 30 * DAY,
    dueWithinSeconds: 7 * DAY,
    checklist: [
      { id: 'b1-door-card', text: '1号楼门禁刷卡开门、记录上传 B1 door: card opens, event uploaded', system: 'access-control', deviceId: 'door-b1' },
      { id: 'b2-door-card', text: '2号楼门禁刷卡开门、记录上传 B2 door: card opens, event uploaded', system: 'access-control', deviceId: 'door-b2' },
      { id: 'barrier-anpr', text: '道闸车牌识别与黑名单 Barrier: plate recognition and deny list', system: 'access-control', deviceId: 'barrier-gate' },
    ],
    createdBy: 'u-techsup',
  },
];

/** Loads the demo plans; their schedules are made at start (ensureInspectionSchedules). */
export async function seedInspectionPlans(db: Pick<Database, 'insert'>): Promise<void> {
  await db.insert(inspectionPlans).values(DEMO_INSPECTION_PLANS).onConflictDoNothing({ target: inspectionPlans.id });
}
