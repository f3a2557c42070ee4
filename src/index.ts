export * from './table/production-table-props';
export * from './table/production-table';
