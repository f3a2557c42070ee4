export * from './backup-schedule';
export * from './table-backup-plan-props';
export * from './table-backup-plan';
export * from './export-mode';
export * from './scheduled-export-props';
export * from './scheduled-export';
