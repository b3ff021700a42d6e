import type { Database } from '../client';
import { users } from '../schema';

/** Owner logins for every owner of the demo roll, so a vote can reach its quorum: Chen, Zhao and the developer. */
export const GOVERNANCE_DEMO_USERS = [
  { id: 'u-owner-chen', username: 'owner-chen', displayName: '业主 陈刚 Chen Gang', roles: ['owner'], ownerId: 'o-chen' },
  { id: 'u-owner-zhao', username: 'owner-zhao', displayName: '业主 赵丽 Zhao Li', roles: ['owner'], ownerId: 'o-zhao' },
  { id: 'u-developer', username: 'developer', displayName: '开发商代表 Developer representative', roles: ['owner'], ownerId: 'o-developer' },
];

export async function seedGovernanceDemo(tx: Pick<Database, 'insert'>, passwordHash: string): Promise<void> {
  await tx.insert(users).values(GOVERNANCE_DEMO_USERS.map((user) => ({ ...user, passwordHash })));
}
