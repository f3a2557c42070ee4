export * from './table/production-table-props';
export * from './table/production-table';
export * from './compliance/dynamodb-production-checks';
