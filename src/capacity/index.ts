export * from './price-table';
export * from './workload';
export * from './capacity-plan';
export * from './provisioned-capacity';
export * from './provisioned-cost';
export * from './capacity-planner';
