import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import type { NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import type { DynamoDbProductionNagPack } from './production-nag-pack';
import { PACK_NAME, RULE_IDS } from './rule-ids';

/**
 * A cdk-nag rule pack for DynamoDB in production: checks `AWS::DynamoDB::Table` and
 * `AWS::DynamoDB::GlobalTable` (every replica in it), stream consumers and DAX clusters.
 *
 * cdk-nag's own packs check only `AWS::DynamoDB::Table`, so a `TableV2` without point-in-time
 * recovery, backups or deletion protection passes them. Rule IDs are `DynamoDbProduction-<rule>`:
 * PointInTimeRecoveryEnabled, CustomerManagedKey, DeletionProtectionEnabled, RetainPolicy,
 * InBackupPlan, ProvisionedCapacityAutoscaled, ContributorInsightsEnabled (a warning),
 * ThrottleAlarms, StreamConsumerFailureHandling, DaxEncryptedAtRest, DaxEncryptedInTransit, BackupVaultRetained.
 *
 * Apply it like cdk-nag's packs, `Validations.of(app).addPlugins(new DynamoDbProductionChecks(app))`,
 * and acknowledge an intended finding on its construct with
 * `Validations.of(table).acknowledge({ id: 'DynamoDbProduction-InBackupPlan', reason: '...' })`.
 *
 * It is a policy-validation plugin with the public members of a cdk-nag `NagPack` (`validate`,
 * `validateScope`, `readPackName`), passed on to a `NagPack` inside. It does not extend `NagPack`
 * so that `require('cdk-dynamodb-kit')` does not load cdk-nag: constructing the pack does.
 */
export class DynamoDbProductionChecks implements IPolicyValidationPlugin {
  /** The IDs of the rules in this pack, e.g. `DynamoDbProduction-PointInTimeRecoveryEnabled`. */
  public static readonly RULE_IDS: string[] = [...RULE_IDS];

  public readonly name = PACK_NAME;

  /** Not set, as for cdk-nag's packs: the validation report shows `0.0.0`. */
  public readonly version?: string;

  /** Not set, as for cdk-nag's packs (aws-cdk-lib uses it for analytics only); see `RULE_IDS`. */
  public readonly ruleIds?: string[];

  private readonly pack: DynamoDbProductionNagPack;

  /**
   * @param scope the app or stage to check; needed only with `writeSuppressionsToCloudFormation`
   * @param props cdk-nag's pack options
   */
  constructor(scope?: IConstruct, props?: NagPackProps) {
    // Loaded here rather than at the top: only a user of the pack pays for loading cdk-nag.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DynamoDbProductionNagPack: Pack } = require('./production-nag-pack') as typeof import('./production-nag-pack');
    this.pack = new Pack(scope, props);
  }

  /** The pack name that prefixes every rule ID, as cdk-nag's `NagPack.readPackName`. */
  public get readPackName(): string {
    return this.pack.readPackName;
  }

  /** Called by aws-cdk-lib's validation at synthesis, with the app's construct tree on the context. */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return this.pack.validate(context);
  }

  /**
   * Checks a construct tree directly, as cdk-nag's `NagPack.validateScope`: for tests, and for
   * aws-cdk-lib versions that do not put the construct tree on the validation context.
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return this.pack.validateScope(scope);
  }
}
