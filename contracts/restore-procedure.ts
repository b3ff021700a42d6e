/**
 * The restore procedure for an operator (P5.2b), once, in zh-CN and English: the backups page shows it in the
 * reader's language, and docs/backups.md carries the English (`npm run docs:backups` writes it there;
 * test/backups.api.test.ts fails when they differ). Text between backticks is a command, a path or a setting,
 * the same in both languages. Pure data.
 */
import { label, type Label } from './labels';

export interface RestoreStep {
  title: Label;
  text: Label;
}

/** What must be kept apart from the backups, and where the paths below point. */
export const RESTORE_PREAMBLE: Label = label(
  '除备份外另行保管：`BACKUP_PASSPHRASE`（没有它什么都恢复不了）和密钥加密密钥文件（`STEWARD_KEK_FILE`：加密保存的人脸、PIN 和卡号只有用它才能打开）。' +
    '下文路径为生产环境（`docker-compose.yml`）的；`npm start` 时备份在 `<STEWARD_DATA_DIR>/backups/`。',
  'Keep, apart from the backups: `BACKUP_PASSPHRASE` (nothing restores without it) and the key-encryption key file ' +
    '(`STEWARD_KEK_FILE`: sealed faces, PINs and card numbers open only with it). The paths below are production’s ' +
    '(`docker-compose.yml`); under `npm start` the backups are in `<STEWARD_DATA_DIR>/backups/`.',
);

export const RESTORE_STEPS: readonly RestoreStep[] = [
  {
    title: label('停止写入。', 'Stop writers.'),
    text: label('`docker compose stop steward-api steward-worker`（或停止 `npm start`）。', '`docker compose stop steward-api steward-worker` (or stop `npm start`).'),
  },
  {
    title: label('选定备份。', 'Pick the backup.'),
    text: label(
      '最近一次通过的恢复演练注明了它恢复的备份（备份页面的“最近一次恢复演练”）；没有时取最新的备份链。在备份主机上，' +
        '`pgbackrest --config=/var/lib/steward-backups/pgbackrest.conf --stanza=steward info` 列出全部备份。',
      'The newest drill that passed names its backup (the backups page’s “Last restore drill”); otherwise the newest chain. On the backup host, ' +
        '`pgbackrest --config=/var/lib/steward-backups/pgbackrest.conf --stanza=steward info` lists them.',
    ),
  },
  {
    title: label('取得备份仓库。', 'Get the repository.'),
    text: label(
      '本地仓库丢失时，从异地副本拷回：`rclone copy offsite:<path>/pgbackrest /var/lib/steward-backups/pgbackrest`' +
        '（使用与备份相同的 `RCLONE_CONFIG_OFFSITE_*` 设置），再运行 `pgbackrest … verify`：必须报告没有无效文件。',
      'If the local one is lost, copy the off-site one back: `rclone copy offsite:<path>/pgbackrest /var/lib/steward-backups/pgbackrest` ' +
        '(with the same `RCLONE_CONFIG_OFFSITE_*` settings the backup uses), then `pgbackrest … verify`: it must report no invalid files.',
    ),
  },
  {
    title: label('恢复 PostgreSQL。', 'Restore PostgreSQL.'),
    text: label(
      '停止 PostgreSQL，把它的数据目录移到一旁（恢复核对无误前切勿删除），以 `postgres` 用户执行：' +
        '`pgbackrest --config=… --stanza=steward --set=<label> --type=name --target=steward-<备份编号> --target-action=promote restore`' +
        '（每次备份的 `--set`、`--target` 和 `--tag` 参数见备份页面的“恢复参数”；或用 `--type=default` 重放全部已归档的 WAL，恢复到最新时刻）。' +
        '启动 PostgreSQL：它重放 WAL 后开放连接。',
      'Stop PostgreSQL, move its data folder aside (never delete it before the restore is checked), and as the `postgres` user: ' +
        '`pgbackrest --config=… --stanza=steward --set=<label> --type=name --target=steward-<backup run id> --target-action=promote restore` ' +
        '(each backup’s `--set`, `--target` and `--tag` arguments are under “For a restore” on the backups page; or `--type=default` to replay all archived WAL ' +
        'up to the latest moment). Start PostgreSQL; it replays the WAL and opens.',
    ),
  },
  {
    title: label('核对。', 'Check it.'),
    text: label(
      '将各表行数与备份记录的比较：这些数字在原服务器（或恢复到最新时刻的副本）上由 `select tables from backup_runs where id = \'<备份编号>\'` 查出' +
        '（恢复到该备份自己的恢复点时，这一行还没有数字：它们在恢复点之后才写入）；在恢复后的数据库上用 `integrations/backups/table-digests.ts` 的 ' +
        '`digestsOf` 计算同样的数字，与恢复演练的比较相同。',
      'Compare each table’s rows with what the backup recorded: `select tables from backup_runs where id = \'<backup run id>\'` on the old server ' +
        '(or a copy restored to the latest moment) shows the figures (a copy restored to that backup’s own point has its row without them: they are ' +
        'written just after the point); `digestsOf` in `integrations/backups/table-digests.ts` computes the same on the restored database, as the ' +
        'drill does.',
    ),
  },
  {
    title: label('Temporal（仅开发服务器）。', 'Temporal (dev server only).'),
    text: label(
      '`restic -r /var/lib/steward-backups/restic restore latest --tag run=<备份编号> --target <临时目录>`（密码：`BACKUP_PASSPHRASE`），' +
        '停止开发服务器，用 `temporal/temporal.sqlite` 覆盖 `data/temporal.sqlite`。生产环境中 Temporal 的数据库已在第 4 步一并恢复。',
      '`restic -r /var/lib/steward-backups/restic restore latest --tag run=<backup run id> --target <scratch folder>` (password: `BACKUP_PASSPHRASE`), ' +
        'stop the dev server, copy `temporal/temporal.sqlite` over `data/temporal.sqlite`. In production Temporal’s databases came back with step 4.',
    ),
  },
  {
    title: label('附件', 'Attachments'),
    text: label(
      '在数据库中（第 4 步）；快照中的 `attachments/<id>` 文件可在不做完整恢复的情况下单独恢复某个文件。',
      'are in the database (step 4); the snapshot’s `attachments/<id>` files serve to restore a single file without a full restore.',
    ),
  },
  {
    title: label('重新启动', 'Start again'),
    text: label(
      '（`docker compose up -d`），登录，并运行一次恢复演练（备份页面的“立即恢复演练”）。',
      '(`docker compose up -d`), sign in, and run a drill (“Run a drill now” on the backups page).',
    ),
  },
];

/** Trying a release's migrations before they are applied (P3.3b): `npm run migrations:rehearse`. */
export const RESTORE_TRY_MIGRATIONS: Label = label(
  '新版本的数据库迁移先在恢复出的副本上试运行：在备份主机上，用新版本的代码和备份服务的配置运行 `npm run migrations:rehearse`' +
    '（生产环境：`docker compose run --rm steward-backup tsx scripts/rehearse-migrations.ts`）。它把最新的备份（有异地副本时从异地副本）恢复到临时服务器，' +
    '逐个应用副本还没有的迁移并计时，然后删除副本；Steward 的数据库只读不写。退出码 0：全部成功（或没有待应用的迁移）；1：某个迁移失败，' +
    '输出写明是哪一个及 PostgreSQL 的报错，此时不要升级。',
  'A release’s migrations are tried on a restored copy before they are applied: on the backup host, with the new release’s code and the backup ' +
    'service’s configuration, run `npm run migrations:rehearse` (in production: `docker compose run --rm steward-backup tsx scripts/rehearse-migrations.ts`). ' +
    'It restores the latest backup (from the off-site copy when there is one) into a scratch server, applies the migrations the copy lacks one by one, ' +
    'timed, and removes the copy; Steward’s database is only read. Exit code 0: all applied (or none pending); 1: one failed, named with PostgreSQL’s ' +
    'error: do not upgrade.',
);
