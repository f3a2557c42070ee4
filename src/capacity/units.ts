import { ReadConsistency } from './workload';

/** DynamoDB's published unit sizes and limits. */
export const READ_UNIT_BYTES = 4096;
export const WRITE_UNIT_BYTES = 1024;
export const MAX_ITEM_BYTES = 400 * 1024;
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
export const PARTITION_READ_UNITS = 3000;
export const PARTITION_WRITE_UNITS = 1000;
export const PARTITION_STORAGE_GB = 10;
/** Autoscaling's default target: the capacity it converges to is the consumption divided by this. */
export const TARGET_UTILIZATION = 0.7;

export const READ_UNIT_FACTOR: { [consistency in ReadConsistency]: number } = {
  [ReadConsistency.EVENTUAL]: 0.5,
  [ReadConsistency.STRONG]: 1,
  [ReadConsistency.TRANSACTIONAL]: 2,
};

/** Rounds up, ignoring floating-point noise (100 × 0.3 is 30, not 31). */
export function ceilUnits(value: number): number {
  return Math.ceil(Number(value.toPrecision(12)));
}

/** The 4 KB read blocks one read of `bytes` touches (before the consistency factor). */
export function readBlocks(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
}

/** The 1 KB write units one write of `bytes` costs. */
export function writeBlocks(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
}

/** Provisioned capacity for an average consumption: at the target utilisation, at least 1. */
export function convergedCapacity(averageUnitsPerSecond: number): number {
  return Math.max(1, ceilUnits(averageUnitsPerSecond / TARGET_UTILIZATION));
}
