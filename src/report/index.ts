/** The production-readiness report: every DynamoDB table of a template or cloud assembly, judged on the typed view of `../template`. */
export * from './format';
export * from './related-resources';
export * from './table-report';
