export * from './dax-cluster-props';
export * from './dax-cluster';
