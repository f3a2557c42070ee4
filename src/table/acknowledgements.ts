import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ProductionTableSettings } from './settings';

/**
 * Acknowledges, on the table, the rule-pack findings that are intended for a table with these
 * settings, each with the reason a reviewer needs. Only what the settings make legitimate: a table
 * that opts out of the protection a reason relies on keeps the finding.
 */
export function acknowledgeIntendedFindings(table: IConstruct, settings: ProductionTableSettings): void {
  if (settings.backup === undefined && settings.pointInTimeRecoveryEnabled) {
    Validations.of(table).acknowledge({
      id: 'DynamoDbProduction-InBackupPlan',
      reason: 'No AWS Backup plan was chosen (backup prop). Point-in-time recovery is on (35 days unless set otherwise) and restores the table to any second of that window; '
        + 'longer retention, a locked vault and cross-account copies depend on the organisation\'s vaults and policies, so they are opt-in: backup: new TableBackupPlan(...).',
    });
  }
}
