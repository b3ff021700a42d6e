import type { Database } from '../client';
import { accessPeople, accessPoints } from '../schema';

type Writer = Pick<Database, 'insert'>;

/** The demo community's doors and barrier and the people with access (P4.2b); plates are added through the UI, which pushes them. */
export async function seedAccessControl(tx: Writer): Promise<void> {
  await tx
    .insert(accessPoints)
    .values([
      { deviceId: 'door-b1', kind: 'door', buildingId: 'b1' },
      { deviceId: 'door-b2', kind: 'door', buildingId: 'b2' },
      { deviceId: 'barrier-gate', kind: 'barrier', buildingId: null },
    ])
    .onConflictDoNothing();
  await tx
    .insert(accessPeople)
    .values([
      { id: 'ap-zhang', kind: 'owner', name: '张明 Zhang Ming', ownerId: 'o-zhang', userId: 'u-owner-zhang' },
      { id: 'ap-li', kind: 'owner', name: '李娜 Li Na', ownerId: 'o-li', userId: 'u-owner-li', unitId: 'b1-201' },
      { id: 'ap-wang', kind: 'owner', name: '王芳 Wang Fang', ownerId: 'o-wang', userId: 'u-owner-wang', unitId: 'b1-201' },
      { id: 'ap-tech1', kind: 'staff', name: '张伟 Zhang Wei', userId: 'u-tech1' },
      { id: 'ap-guard1', kind: 'staff', name: '孙强 Sun Qiang', userId: 'u-guard1' },
    ])
    .onConflictDoNothing();
}
