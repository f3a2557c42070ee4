import { Annotations, RemovalPolicy } from 'aws-cdk-lib';
import { TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { IConstruct } from 'constructs';
import { ProductionTableSettings } from './settings';

/**
 * Says, as warnings on the construct, what each explicit opt-out of a production default gives up.
 * Opting out is allowed; it is never silent.
 */
export function warnAboutOptOuts(scope: IConstruct, settings: ProductionTableSettings): void {
  const warn = (id: string, message: string) => Annotations.of(scope).addWarningV2(`cdk-dynamodb-kit:${id}`, message);

  if (settings.encryption?.type === TableEncryption.AWS_MANAGED) {
    warn('awsManagedKey', 'encryption is an AWS-managed key: you give up your own key policy, cross-account control and the ability to revoke access by disabling the key.');
  } else if (settings.encryption?.type === TableEncryption.DEFAULT) {
    warn('dynamoOwnedKey', 'encryption is a DynamoDB-owned key: no key policy, no CloudTrail record of key use, and HIPAA/NIST/PCI rule packs flag the table.');
  }
  if (!settings.deletionProtection) {
    warn('deletionProtectionOff', 'deletionProtection is false: a console click, an SDK call or a stack change can delete the table and its data.');
  }
  for (const replica of settings.replicaProps) {
    if (replica.deletionProtection === false) {
      warn(`deletionProtectionOff:${replica.region}`, `replica ${replica.region} has deletionProtection false: that region's copy can be deleted.`);
    }
    if (replica.pointInTimeRecoverySpecification?.pointInTimeRecoveryEnabled === false) {
      warn(`pitrOff:${replica.region}`, `replica ${replica.region} has point-in-time recovery off: that region cannot be restored.`);
    }
  }
  if (settings.removalPolicy !== RemovalPolicy.RETAIN) {
    warn('removalPolicy', `removalPolicy is ${settings.removalPolicy}: removing the table from the stack deletes it and all its data.`);
  }
  if (!settings.pointInTimeRecoveryEnabled) {
    warn('pitrOff', 'point-in-time recovery is off: a bad write or delete cannot be undone by restoring to a moment before it.');
  }
  if (settings.fixedReadCapacity) {
    warn('fixedReadCapacity', 'billing has a fixed readCapacity: reads throttle when traffic grows. Use Capacity.autoscaled({ maxCapacity }) (target 70%).');
  }
  for (const indexName of settings.fixedReadIndexNames) {
    warn(`fixedReadCapacity:${indexName}`, `index ${indexName} has a fixed readCapacity: its reads throttle when traffic grows. Use Capacity.autoscaled(...).`);
  }
}
