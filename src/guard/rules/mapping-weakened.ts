import { ResourceImpact } from '../engine';
import { GuardFinding } from '../findings';
import { EVENT_SOURCE_MAPPING_TYPE } from '../stateful-kinds';
import { GuardRule, changePlace, enabledFlag, finding, same } from './rule';
import { intrinsicOf, isNoValue } from '../../template/deploy-time';

const REPORT_BATCH_ITEM_FAILURES = 'ReportBatchItemFailures';

/** Whether a mapping keeps a record-saving setting: yes, no, or left to deploy time (`Fn::If`, a parameter). */
type Keeps = boolean | 'decided at deploy';

/** A list or an item left to deploy time (`Fn::If`, a list parameter, `Fn::Split`...). */
function undecided(value: unknown): boolean {
  return intrinsicOf(value) !== undefined;
}

function reportsItemFailures(properties: any): Keeps {
  const types = properties?.FunctionResponseTypes;
  if (undecided(types)) return 'decided at deploy';
  if (!Array.isArray(types)) return false;
  if (types.includes(REPORT_BATCH_ITEM_FAILURES)) return true;
  return types.some(undecided) ? 'decided at deploy' : false;
}

function onFailure(properties: any): unknown {
  return properties?.DestinationConfig?.OnFailure?.Destination;
}

/** An on-failure destination, kept or not; a level of it left to a condition may leave none. */
function keepsFailures(properties: any): Keeps {
  const levels = [properties?.DestinationConfig, properties?.DestinationConfig?.OnFailure, onFailure(properties)];
  if (levels.some(level => intrinsicOf(level) === 'Fn::If')) return 'decided at deploy';
  return onFailure(properties) !== undefined && !isNoValue(onFailure(properties));
}

/**
 * The severity of a setting that kept records before and may not after: blocking when it is
 * certainly gone, a warning when either side is left to deploy time; nothing when it stays.
 */
function weakened(before: Keeps, after: Keeps, severity: 'blocking' | 'warning', changed: boolean): 'blocking' | 'warning' | undefined {
  if (before === false || after === true || !changed) return undefined;
  return before === true && after === false ? severity : 'warning';
}

/**
 * A stream's event source mapping, updated in place, that stops keeping records it used to keep:
 * its on-failure destination removed (batches that exhaust their retries are dropped), partial
 * batch responses no longer read (a handler's `batchItemFailures` counts as success: the failed
 * records are skipped), a filter added or changed (records that match no filter are never
 * delivered), or the mapping disabled (records not read within the stream's retention expire).
 */
export const mappingWeakened: GuardRule = {
  kinds: ['MAPPING_WEAKENED'],
  check: ({ changes }) => {
    const out: GuardFinding[] = [];
    for (const change of changes) {
      if (change.before?.Type !== EVENT_SOURCE_MAPPING_TYPE || change.after?.Type !== EVENT_SOURCE_MAPPING_TYPE) continue;
      // Recreated mappings are MAPPING_RECREATED's; SQS mappings (no StartingPosition) keep nothing in the mapping.
      if (change.impact === ResourceImpact.WILL_REPLACE || change.impact === ResourceImpact.MAY_REPLACE) continue;
      const before = change.before.Properties ?? {};
      const after = change.after.Properties ?? {};
      if (before.StartingPosition === undefined) continue;
      const place = changePlace(change);
      const maybe = (kept: Keeps) => kept === 'decided at deploy' ? ' (decided at deploy time: the guard cannot tell; accept it with allow: [\'MAPPING_WEAKENED\'] once checked)' : '';
      const lost = weakened(keepsFailures(before), keepsFailures(after), 'blocking', !same(before.DestinationConfig, after.DestinationConfig));
      if (lost) {
        out.push(finding('MAPPING_WEAKENED', lost, place, 'DestinationConfig.OnFailure', onFailure(before) ?? before.DestinationConfig, onFailure(after) ?? after.DestinationConfig,
          `the mapping's on-failure destination ${lost === 'blocking' ? 'is removed' : 'may be removed'}${maybe(keepsFailures(after)) || maybe(keepsFailures(before))}: a batch that exhausts its retries (or outlives MaximumRecordAgeInSeconds, or the stream's retention) is dropped, and its records are never processed nor kept anywhere`,
          'keep an on-failure destination (a queue or a topic) on every stream consumer; StreamConsumer creates one by default.'));
      }
      const unread = weakened(reportsItemFailures(before), reportsItemFailures(after), 'blocking', !same(before.FunctionResponseTypes, after.FunctionResponseTypes));
      if (unread) {
        out.push(finding('MAPPING_WEAKENED', unread, place, 'FunctionResponseTypes', before.FunctionResponseTypes, after.FunctionResponseTypes,
          `the mapping ${unread === 'blocking' ? 'no longer reads' : 'may no longer read'} partial batch responses${maybe(reportsItemFailures(after)) || maybe(reportsItemFailures(before))}: a handler that returns batchItemFailures (as streamHandler does) now reports success for the whole batch, and the records it failed are skipped`,
          `keep FunctionResponseTypes: ['${REPORT_BATCH_ITEM_FAILURES}'] (reportBatchItemFailures: true) while the handler returns batchItemFailures; change the handler to throw first if it must go.`));
      }
      // null is no filter, as CloudFormation reads it.
      if (!same(before.FilterCriteria ?? undefined, after.FilterCriteria ?? undefined) && after.FilterCriteria != null) {
        out.push(finding('MAPPING_WEAKENED', 'warning', place, 'FilterCriteria', before.FilterCriteria, after.FilterCriteria,
          'the mapping\'s filters are added or changed: records that match no filter are discarded by Lambda, never delivered to the function',
          'check that every record the consumer must see matches a filter; filter in the handler instead if in doubt.'));
      }
      const stopped = weakened(enabledFlag(before), enabledFlag(after), 'warning', !same(before.Enabled, after.Enabled));
      if (stopped) {
        out.push(finding('MAPPING_WEAKENED', stopped, place, 'Enabled', before.Enabled ?? true, after.Enabled,
          `the mapping ${enabledFlag(after) === false ? 'is' : 'may be'} disabled${maybe(enabledFlag(after)) || maybe(enabledFlag(before))}: the function stops reading the stream, and records not read before the stream's retention ends (24 hours for a DynamoDB stream) expire unprocessed`,
          'disable a consumer only for less than the stream\'s retention, and watch its iterator age when it is enabled again.'));
      }
    }
    return out;
  },
};
