export * from './backup-schedule';
export * from './table-backup-plan';
export * from './scheduled-export';
