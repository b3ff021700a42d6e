import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { backupOverview, startBackup } from '../use-cases/backups';
import { backupOverview as overview, backupStarted, startBackupRequest } from '../../contracts/backups';

/** P5.2b: the backups page: chains, sizes, durations, drills; back up or drill now. */
export const backupRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/backups',
    summary: 'Backup chains (full and incrementals) with sizes, durations and the off-site copy; the restore drills and the last one in full',
    access: 'backup.read',
    response: overview,
    handle: () => backupOverview(ctx),
  }),
  defineRoute({
    method: 'post',
    path: '/backups',
    summary: 'Back up now (full or incremental) or run a restore drill; idempotent on requestId',
    access: 'backup.run',
    body: startBackupRequest,
    response: backupStarted,
    status: 202,
    handle: ({ user, body }) => startBackup(ctx, user, body),
  }),
];
