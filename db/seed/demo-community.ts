import { count } from 'drizzle-orm';
import { hashPassword } from '../../api/auth/passwords';
import type { Database } from '../client';
import { seedSupplierRegistry } from './suppliers';
import { seedAccessControl } from './access-control';
import { seedDemoDevices } from './devices';
import { seedGovernanceDemo } from './governance-demo';
import { SYSTEMS } from '../../contracts/vocabulary';
import { buildings, devices, owners, unitOwners, units, users, vendorContracts, vendors, zones } from '../schema';
import { seedInspectionPlans } from './inspections';
import { seedDemoSecurityTraining } from './training';

export const DEMO_PASSWORD = 'steward-demo';

/** Demo logins printed by `npm start`: one per role, owners (one with two units, a co-owner pair) and a vendor. */
export const DEMO_USERS = [
  { id: 'u-admin', username: 'admin', displayName: '系统管理员 Admin', roles: ['admin'] },
  // A second admin: master-data changes need a checker who is not their maker (P5.1b).
  { id: 'u-checker', username: 'checker', displayName: '数据审核员 陶然 Tao Ran', roles: ['admin'] },
  { id: 'u-tech1', username: 'tech1', displayName: '技术员 张伟 Zhang Wei', roles: ['technician'] },
  { id: 'u-tech2', username: 'tech2', displayName: '技术员 刘洋 Liu Yang', roles: ['technician'] },
  { id: 'u-techsup', username: 'techsup', displayName: '技术主管 王磊 Wang Lei', roles: ['tech-supervisor'] },
  { id: 'u-monitor', username: 'monitor', displayName: '监控员 赵敏 Zhao Min', roles: ['monitoring-operator'] },
  { id: 'u-guard1', username: 'guard1', displayName: '保安 孙强 Sun Qiang', roles: ['guard'] },
  { id: 'u-guard2', username: 'guard2', displayName: '保安 何军 He Jun', roles: ['guard'] },
  { id: 'u-secsup', username: 'secsup', displayName: '安保主管 林峰 Lin Feng', roles: ['security-supervisor'] },
  { id: 'u-finance', username: 'finance', displayName: '财务 周丽 Zhou Li', roles: ['finance'] },
  { id: 'u-procure', username: 'procure', displayName: '采购 吴刚 Wu Gang', roles: ['procurement'] },
  { id: 'u-manager', username: 'manager', displayName: '总经理 郑华 Zheng Hua', roles: ['management'] },
  { id: 'u-committee', username: 'committee', displayName: '业委会委员 钱进 Qian Jin', roles: ['committee-member', 'owner'], ownerId: 'o-qian' },
  { id: 'u-hr', username: 'hr', displayName: '人事 冯雪 Feng Xue', roles: ['hr'] },
  { id: 'u-auditor', username: 'auditor', displayName: '审计 陈静 Chen Jing', roles: ['auditor'] },
  { id: 'u-owner-zhang', username: 'owner-zhang', displayName: '业主 张明 Zhang Ming', roles: ['owner'], ownerId: 'o-zhang' },
  { id: 'u-owner-li', username: 'owner-li', displayName: '业主 李娜 Li Na', roles: ['owner'], ownerId: 'o-li' },
  { id: 'u-owner-wang', username: 'owner-wang', displayName: '业主 王芳 Wang Fang', roles: ['owner'], ownerId: 'o-wang' },
  ...SYSTEMS.map((system) => ({ id: `u-vendor-${system}`, username: `vendor-${system}`, displayName: `Vendor staff (${system})`, roles: ['vendor'], vendorId: `v-${system}` })),
] as const;

const VENDOR_NAMES: Record<(typeof SYSTEMS)[number], string> = {
  cctv: '海视安防维保 Haishi CCTV Service',
  'access-control': '门禁科技 Gatekeeper Tech',
  'intrusion-alarm': '安报警 SafeAlarm',
  network: '联网通信 NetLink',
  'elevator-monitoring': '梯联 LiftWatch',
  'smart-home': '智家 SmartNest',
};

/** Loads the demo community when the database holds none. */
export async function seedDemoCommunity(db: Database): Promise<boolean> {
  const [{ value }] = await db.select({ value: count() }).from(buildings);
  if (value > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.insert(buildings).values([
      { id: 'b1', name: '1号楼 Building 1' },
      { id: 'b2', name: '2号楼 Building 2' },
    ]);
    const unitRows = ['b1', 'b2'].flatMap((building) =>
      ['101', '102', '201', '202', '301', '302'].map((number, index) => ({
        id: `${building}-${number}`,
        buildingId: building,
        number,
        exclusiveArea: String(89.5 + index * 12.25),
      })),
    );
    await tx.insert(units).values(unitRows);
    await tx.insert(owners).values([
      { id: 'o-zhang', name: '张明 Zhang Ming' },
      { id: 'o-li', name: '李娜 Li Na' },
      { id: 'o-wang', name: '王芳 Wang Fang' },
      { id: 'o-qian', name: '钱进 Qian Jin' },
      { id: 'o-chen', name: '陈刚 Chen Gang' },
      { id: 'o-zhao', name: '赵丽 Zhao Li' },
      { id: 'o-developer', name: '开发商 Developer (unsold units)', kind: 'developer' },
    ]);
    await tx.insert(unitOwners).values([
      // One owner of two units counts as one owner in a vote.
      { unitId: 'b1-101', ownerId: 'o-zhang' },
      { unitId: 'b1-102', ownerId: 'o-zhang' },
      // Co-owners of one unit cast one ballot between them.
      { unitId: 'b1-201', ownerId: 'o-li' },
      { unitId: 'b1-201', ownerId: 'o-wang' },
      { unitId: 'b1-202', ownerId: 'o-qian' },
      { unitId: 'b1-301', ownerId: 'o-chen' },
      { unitId: 'b1-302', ownerId: 'o-zhao' },
      ...['b2-101', 'b2-102', 'b2-201', 'b2-202', 'b2-301', 'b2-302'].map((unitId) => ({ unitId, ownerId: 'o-developer' })),
    ]);
    await tx.insert(zones).values([
      { id: 'z-b1-lobby', name: '1号楼大堂 B1 lobby', buildingId: 'b1' },
      { id: 'z-b2-lobby', name: '2号楼大堂 B2 lobby', buildingId: 'b2' },
      { id: 'z-main-gate', name: '小区正门 Main gate', buildingId: null },
      { id: 'z-car-park', name: '地下车库 Car park', buildingId: null },
    ]);
    await tx.insert(devices).values([
      { id: 'cam-b1-lobby', name: 'B1 lobby camera', zoneId: 'z-b1-lobby', system: 'cctv' },
      { id: 'cam-b2-lobby', name: 'B2 lobby camera', zoneId: 'z-b2-lobby', system: 'cctv' },
      { id: 'cam-gate', name: 'Main gate camera', zoneId: 'z-main-gate', system: 'cctv' },
      { id: 'cam-car-park', name: 'Car park camera', zoneId: 'z-car-park', system: 'cctv' },
      { id: 'door-b1', name: 'B1 door controller', zoneId: 'z-b1-lobby', system: 'access-control' },
      { id: 'door-b2', name: 'B2 door controller', zoneId: 'z-b2-lobby', system: 'access-control' },
      { id: 'barrier-gate', name: 'Vehicle barrier (ANPR)', zoneId: 'z-main-gate', system: 'access-control' },
      { id: 'pir-car-park', name: 'Car park intrusion detector', zoneId: 'z-car-park', system: 'intrusion-alarm' },
      { id: 'switch-core', name: 'Core network switch', zoneId: 'z-main-gate', system: 'network' },
      { id: 'lift-b1', name: 'B1 elevator monitor', zoneId: 'z-b1-lobby', system: 'elevator-monitoring' },
    ]);
    await tx.insert(vendors).values(SYSTEMS.map((system) => ({ id: `v-${system}`, name: VENDOR_NAMES[system] })));
    await tx.insert(vendorContracts).values(
      SYSTEMS.map((system) => ({ id: `c-${system}`, vendorId: `v-${system}`, system, repairSlaSeconds: 24 * 3600 })),
    );
    await tx.insert(users).values(
      DEMO_USERS.map((user) => ({
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        roles: [...user.roles],
        ownerId: 'ownerId' in user ? user.ownerId : null,
        vendorId: 'vendorId' in user ? user.vendorId : null,
        passwordHash,
      })),
    );
    await seedInspectionPlans(tx);
    await seedDemoDevices(tx);
    await seedAccessControl(tx);
    await seedGovernanceDemo(tx, passwordHash);
    await seedDemoSecurityTraining(tx, DEMO_USERS.map((user) => user.id));
  });
  await seedSupplierRegistry(db, passwordHash);
  return true;
}
