export * from './table/production-table-props';
export * from './table/production-table';
export * from './monitoring';
export * from './compliance/dynamodb-production-checks';
export * from './streams/filters';
export * from './streams/failure-destination';
export * from './streams/stream-consumer-props';
export * from './streams/stream-consumer';
export * from './protection';
export * from './capacity/price-table';
export * from './capacity/workload';
export * from './capacity/capacity-plan';
export * from './capacity/capacity-planner';
export * from './capacity/provisioned-capacity';
export * from './dax';
// Single-table design (src/modeling): the design document and its derived keys and indexes.
export * from './modeling/single-table-design';
