import { GuardFinding, Severity } from '../findings';
import { GuardRule, changePlace, finding, literalNumber, same } from './rule';
import { deployTime, intrinsicOf } from '../../template/deploy-time';

/** Where a resource keeps its data for a limited time, and what shortening it deletes. */
interface Retention {
  readonly property: string;
  /** CloudFormation's default when the property is absent. */
  readonly defaultValue?: number;
  readonly unit: string;
  readonly deletes: string;
  readonly severity: Severity;
}

const RETENTIONS: { readonly [type: string]: Retention } = {
  'AWS::SQS::Queue': {
    property: 'MessageRetentionPeriod',
    defaultValue: 345600,
    unit: 'seconds',
    severity: 'blocking',
    deletes: 'SQS deletes every message already older than the new period (for a consumer\'s failure queue or dead-letter queue: the only copy of the failed records)',
  },
  'AWS::Kinesis::Stream': {
    property: 'RetentionPeriodHours',
    defaultValue: 24,
    unit: 'hours',
    severity: 'blocking',
    deletes: 'Kinesis deletes every record already older than the new period, read or not',
  },
  'AWS::Logs::LogGroup': {
    // Absent: kept forever.
    property: 'RetentionInDays',
    unit: 'days',
    severity: 'warning',
    deletes: 'CloudWatch Logs deletes every log event already older than the new period',
  },
};

/**
 * A queue, a Kinesis stream or a log group whose retention the update shortens: what is older
 * than the new period is deleted at once. (A table's PITR window has its own rule.)
 */
export const retentionShortened: GuardRule = {
  kinds: ['RETENTION_SHORTENED'],
  check: ({ changes }) => {
    const out: GuardFinding[] = [];
    for (const change of changes) {
      const retention = change.before && change.after && change.before.Type === change.after.Type ? RETENTIONS[change.before.Type] : undefined;
      if (!retention) continue;
      const raw = (properties: any) => properties?.[retention.property];
      // Absent: CloudFormation's default (a log group without one keeps its events forever).
      const effective = (properties: any) => raw(properties) === undefined ? retention.defaultValue ?? Infinity : literalNumber(raw(properties));
      const rawBefore = raw(change.before!.Properties);
      const rawAfter = raw(change.after!.Properties);
      const before = effective(change.before!.Properties);
      const after = effective(change.after!.Properties);
      if (before === undefined || after === undefined) {
        // A value left to deploy time (a parameter, Fn::If) may be shorter: named, not passed as safe.
        if (same(rawBefore, rawAfter)) continue;
        const undecided = intrinsicOf(rawAfter) !== undefined ? rawAfter : rawBefore;
        out.push(finding('RETENTION_SHORTENED', 'warning', changePlace(change), retention.property, rawBefore ?? `${before} (default)`, rawAfter ?? `${after} (default)`,
          `the retention may be shortened: ${deployTime(retention.property, undecided).description}, so the guard cannot compare it; if it ends shorter, ${retention.deletes}`,
          `check the retention for each value the ${intrinsicOf(undecided)} can take; accept it with allow: ['RETENTION_SHORTENED'] once checked.`));
        continue;
      }
      if (after >= before) continue;
      out.push(finding('RETENTION_SHORTENED', retention.severity, changePlace(change), retention.property,
        rawBefore ?? `${before === Infinity ? 'never expires' : `${before} (default)`}`, rawAfter ?? `${after} (default)`,
        `the retention is shortened from ${before === Infinity ? 'forever' : `${before} ${retention.unit}`} to ${after} ${retention.unit}: ${retention.deletes}`,
        `keep the retention; if it must shrink, first move or process what is older than ${after} ${retention.unit}.`));
    }
    return out;
  },
};
