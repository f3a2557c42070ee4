import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ProductionTableProps } from './production-table-props';

/**
 * Acknowledges, on the table, the rule-pack findings that are intended for a table with these
 * props, each with the reason a reviewer needs. Only what the props make legitimate: a table that
 * opts out of the protection a reason relies on keeps the finding.
 */
export function acknowledgeIntendedFindings(table: IConstruct, props: ProductionTableProps): void {
  const pitrOn = props.pointInTimeRecovery !== false && props.pointInTimeRecoverySpecification?.pointInTimeRecoveryEnabled !== false;
  if (props.backup === undefined && pitrOn) {
    Validations.of(table).acknowledge({
      id: 'DynamoDbProduction-InBackupPlan',
      reason: 'No AWS Backup plan was chosen (backup prop). Point-in-time recovery is on (35 days unless set otherwise) and restores the table to any second of that window; '
        + 'longer retention, a locked vault and cross-account copies depend on the organisation\'s vaults and policies, so they are opt-in: backup: new TableBackupPlan(...).',
    });
  }
}
