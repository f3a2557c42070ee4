export * from './stream-change';
export * from './stream-handler';
export { UnreportableRecordFailure } from './failure-report';
