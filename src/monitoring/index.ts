export * from './alarm-topic';
export * from './table-metric-factory';
export * from './table-monitoring-props';
export * from './table-monitoring';
