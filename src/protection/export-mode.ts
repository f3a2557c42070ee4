import { Annotations, ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { checkProps } from '../shared/check-props';
import { invalid } from '../shared/errors';
import { limitGrantsToAwsServices } from '../shared/key-policy';

/** How far behind real time DynamoDB's latest restorable time may lag; incremental windows end this long before the scheduled time. */
const PITR_LAG_MINUTES = 15;

/**
 * What an incremental export writes for each changed item.
 */
export enum IncrementalExportViewType {
  /** The item as it was before and after the change. */
  NEW_AND_OLD_IMAGES = 'NEW_AND_OLD_IMAGES',
  /** The item as it is after the change. */
  NEW_IMAGE = 'NEW_IMAGE',
}

/**
 * Options of incremental exports.
 */
export interface IncrementalExportOptions {
  /**
   * The span of changes each export covers; set it to the schedule's interval so that the exports
   * are contiguous. DynamoDB accepts 15 minutes to 24 hours.
   */
  readonly window: Duration;

  /**
   * What each changed item is written as.
   *
   * @default IncrementalExportViewType.NEW_AND_OLD_IMAGES - a change can be audited and undone
   */
  readonly viewType?: IncrementalExportViewType;
}

/**
 * Full or incremental: `ExportMode.full()` or `ExportMode.incremental({ window })`.
 */
export abstract class ExportMode {
  /**
   * A full export of the table as of the scheduled time. The schedule's universal target calls
   * `ExportTableToPointInTime` directly.
   */
  public static full(): ExportMode {
    return new ModeValue(undefined);
  }

  /**
   * The changes made in the `window` before each scheduled time (ending 15 minutes before it,
   * the most DynamoDB's restorable time lags). The window is computed from the scheduled time by
   * a one-step Step Functions state machine (JSONata, no Lambda), which the schedule starts:
   * EventBridge Scheduler's universal target cannot do date arithmetic.
   */
  public static incremental(options: IncrementalExportOptions): ExportMode {
    checkProps('ExportMode.incremental', 'cdk-dynamodb-kit.IncrementalExportOptions', options);
    return new ModeValue(options);
  }

  /** @internal */
  public abstract readonly _incremental?: IncrementalExportOptions;

  /**
   * Checks the mode's own settings (called by the export's validation, before anything is built).
   *
   * @internal
   */
  public _validate(constructPath: string): void {
    const incremental = this._incremental;
    if (!incremental) return;
    if (incremental.window.isUnresolved()) {
      // The state machine's definition computes each export's start time from the window at synth.
      invalid(constructPath, 'mode.window', 'is a token, but the window is written into the export\'s state machine at synthesis',
        'give the window as a Duration, from Duration.minutes(15) to Duration.hours(24), equal to the schedule interval.');
    }
    const minutes = incremental.window.toMinutes({ integral: false });
    if (minutes < 15 || minutes > 24 * 60) {
      invalid(constructPath, 'mode.window', `is ${incremental.window.toHumanString()}, outside the 15 minutes to 24 hours DynamoDB accepts for an incremental export`,
        'use a window from Duration.minutes(15) to Duration.hours(24), equal to the schedule interval.');
    }
  }
}

class ModeValue extends ExportMode {
  constructor(public readonly _incremental?: IncrementalExportOptions) {
    super();
  }
}

/**
 * The one-step state machine (JSONata, no Lambda) that starts the incremental export of the window
 * ending 15 minutes before the scheduled time: EventBridge Scheduler's universal target cannot do
 * date arithmetic. `request` is the `ExportTableToPointInTime` request without the window.
 */
export function incrementalExportStateMachine(
  scope: Construct, request: { [key: string]: unknown }, options: IncrementalExportOptions, role: iam.IRole, key: kms.IKey | undefined,
): sfn.StateMachine {
  const windowMs = options.window.toMilliseconds();
  const lagMs = PITR_LAG_MINUTES * 60 * 1000;
  const definition = {
    Comment: 'Incremental export of the window ending 15 minutes before the scheduled time',
    QueryLanguage: 'JSONata',
    StartAt: 'Export',
    States: {
      Export: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:dynamodb:exportTableToPointInTime',
        Arguments: {
          ...request,
          ExportType: 'INCREMENTAL_EXPORT',
          ClientToken: '{% $states.input.executionId %}',
          IncrementalExportSpecification: {
            ExportFromTime: `{% $fromMillis($toMillis($states.input.scheduledTime) - ${windowMs + lagMs}) %}`,
            ExportToTime: `{% $fromMillis($toMillis($states.input.scheduledTime) - ${lagMs}) %}`,
            ExportViewType: options.viewType ?? IncrementalExportViewType.NEW_AND_OLD_IMAGES,
          },
        },
        End: true,
      },
    },
  };
  return new sfn.StateMachine(scope, 'IncrementalExport', {
    definitionBody: sfn.DefinitionBody.fromString(Stack.of(scope).toJsonString(definition)),
    role,
    comment: 'Starts an incremental DynamoDB export for the window ending 15 minutes before the scheduled time',
    // Every execution (its window and the export it started) is logged and traced (AwsSolutions-SF1/SF2, Control Tower).
    logs: { destination: executionLogGroup(scope, key), level: sfn.LogLevel.ALL, includeExecutionData: true },
    tracingEnabled: true,
  });
}

/**
 * The execution log of the incremental export: kept a year, retained, encrypted with the export's
 * key (a new one, `LogsKey`, when the export has none of its own), whose policy lets CloudWatch
 * Logs of this account and region use it for log groups only (the encryption context).
 */
function executionLogGroup(scope: Construct, key: kms.IKey | undefined): logs.LogGroup {
  const stack = Stack.of(scope);
  const logsKey = key ?? limitGrantsToAwsServices(new kms.Key(scope, 'LogsKey', {
    description: `Encrypts the execution log of the incremental export ${scope.node.path}`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  }));
  const added = logsKey.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchLogsOfThisAccount',
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
    },
  }));
  if (!added.statementAdded) {
    Annotations.of(scope).addWarningV2('cdk-dynamodb-kit:exportLogKeyPolicy',
      'encryptionKey is imported, so its key policy cannot be changed here: it must allow logs.<region>.amazonaws.com to use it for log groups of this account '
      + '(kms:EncryptionContext:aws:logs:arn), or creating the execution log group fails.');
  }
  return new logs.LogGroup(scope, 'ExecutionLogs', {
    encryptionKey: logsKey,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
