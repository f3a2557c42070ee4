import { ResourceImpact } from '../engine';
import { GuardFinding } from '../findings';
import { EVENT_SOURCE_MAPPING_TYPE } from '../stateful-kinds';
import { GuardRule, changePlace, finding, literalBoolean, same } from './rule';

const REPORT_BATCH_ITEM_FAILURES = 'ReportBatchItemFailures';

function reportsItemFailures(properties: any): boolean {
  return Array.isArray(properties?.FunctionResponseTypes) && properties.FunctionResponseTypes.includes(REPORT_BATCH_ITEM_FAILURES);
}

function onFailure(properties: any): unknown {
  return properties?.DestinationConfig?.OnFailure?.Destination;
}

function disabled(properties: any): boolean {
  return literalBoolean(properties?.Enabled) === false;
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
      if (onFailure(before) !== undefined && onFailure(after) === undefined) {
        out.push(finding('MAPPING_WEAKENED', 'blocking', place, 'DestinationConfig.OnFailure', onFailure(before), undefined,
          'the mapping\'s on-failure destination is removed: a batch that exhausts its retries (or outlives MaximumRecordAgeInSeconds, or the stream\'s retention) is dropped, and its records are never processed nor kept anywhere',
          'keep an on-failure destination (a queue or a topic) on every stream consumer; StreamConsumer creates one by default.'));
      }
      if (reportsItemFailures(before) && !reportsItemFailures(after)) {
        out.push(finding('MAPPING_WEAKENED', 'blocking', place, 'FunctionResponseTypes', before.FunctionResponseTypes, after.FunctionResponseTypes,
          'the mapping no longer reads partial batch responses: a handler that returns batchItemFailures (as streamHandler does) now reports success for the whole batch, and the records it failed are skipped',
          `keep FunctionResponseTypes: ['${REPORT_BATCH_ITEM_FAILURES}'] (reportBatchItemFailures: true) while the handler returns batchItemFailures; change the handler to throw first if it must go.`));
      }
      // null is no filter, as CloudFormation reads it.
      if (!same(before.FilterCriteria ?? undefined, after.FilterCriteria ?? undefined) && after.FilterCriteria != null) {
        out.push(finding('MAPPING_WEAKENED', 'warning', place, 'FilterCriteria', before.FilterCriteria, after.FilterCriteria,
          'the mapping\'s filters are added or changed: records that match no filter are discarded by Lambda, never delivered to the function',
          'check that every record the consumer must see matches a filter; filter in the handler instead if in doubt.'));
      }
      if (!disabled(before) && disabled(after)) {
        out.push(finding('MAPPING_WEAKENED', 'warning', place, 'Enabled', before.Enabled ?? true, after.Enabled,
          'the mapping is disabled: the function stops reading the stream, and records not read before the stream\'s retention ends (24 hours for a DynamoDB stream) expire unprocessed',
          'disable a consumer only for less than the stream\'s retention, and watch its iterator age when it is enabled again.'));
      }
    }
    return out;
  },
};
