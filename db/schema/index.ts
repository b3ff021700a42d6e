// One file per domain so that each domain's tables can be read (and changed) on their own.
export * from './core';
export * from './delivery';
export * from './inspections';
export * from './procurement';
export * from './devices';
export * from './access-control';
export * from './governance';
export * from './access-log';
export * from './sealed';
export * from './archive';
export * from './data-review';
export * from './backups';
export * from './upgrades';
export * from './notifications';
export * from './owner-feedback';
export * from './training';
export * from './announcements';
