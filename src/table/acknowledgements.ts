import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ProductionTableSettings } from './settings';

/** What the final template says about the table, for the reasons below to be true. */
export interface DeployedProtection {
  /** Point-in-time recovery is on in the table's own region, as rendered. */
  readonly pointInTimeRecoveryEnabled: boolean;
}

/**
 * Acknowledges, on the table, the rule-pack findings that are intended for a table with these
 * settings, each with the reason a reviewer needs. Only what the settings and the deployed state
 * make legitimate: a table that opts out of the protection a reason relies on (at construction or
 * later) keeps the finding. Called at synthesis, with the final state (final-state.ts).
 */
export function acknowledgeIntendedFindings(table: IConstruct, settings: ProductionTableSettings, deployed: DeployedProtection): void {
  if (settings.backup === undefined && deployed.pointInTimeRecoveryEnabled) {
    Validations.of(table).acknowledge({
      id: 'DynamoDbProduction-InBackupPlan',
      reason: 'No AWS Backup plan was chosen (backup prop). Point-in-time recovery is on (35 days unless set otherwise) and restores the table to any second of that window; '
        + 'longer retention, a locked vault and cross-account copies depend on the organisation\'s vaults and policies, so they are opt-in: backup: new TableBackupPlan(...).',
    });
  }
}
