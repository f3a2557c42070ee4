export * from './stream-handler';
