import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { invalid } from '../shared/errors';

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
  scope: Construct, request: { [key: string]: unknown }, options: IncrementalExportOptions, role: iam.IRole,
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
  });
}
