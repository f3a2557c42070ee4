import { Annotations } from 'aws-cdk-lib';
import { TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { IConstruct } from 'constructs';
import { ProductionTableSettings } from './settings';

/**
 * Says, as warnings on the construct, what each explicit opt-out of a production default gives up.
 * Opting out is allowed; it is never silent.
 *
 * These are the opt-outs only the props can make. What can also change after construction
 * (removal policy, deletion protection, point-in-time recovery, replicas) is judged on the final
 * template instead (final-state.ts), so it is warned about once, whichever way it was set.
 */
export function warnAboutOptOuts(scope: IConstruct, settings: ProductionTableSettings): void {
  const warn = (id: string, message: string) => Annotations.of(scope).addWarningV2(`cdk-dynamodb-kit:${id}`, message);

  if (settings.encryption?.type === TableEncryption.AWS_MANAGED) {
    warn('awsManagedKey', 'encryption is an AWS-managed key: you give up your own key policy, cross-account control and the ability to revoke access by disabling the key.');
  } else if (settings.encryption?.type === TableEncryption.DEFAULT) {
    warn('dynamoOwnedKey', 'encryption is a DynamoDB-owned key: no key policy, no CloudTrail record of key use, and HIPAA/NIST/PCI rule packs flag the table.');
  }
  if (settings.fixedReadCapacity) {
    warn('fixedReadCapacity', 'billing has a fixed readCapacity: reads throttle when traffic grows. Use Capacity.autoscaled({ maxCapacity }) (target 70%).');
  }
  for (const indexName of settings.fixedReadIndexNames) {
    warn(`fixedReadCapacity:${indexName}`, `index ${indexName} has a fixed readCapacity: its reads throttle when traffic grows. Use Capacity.autoscaled(...).`);
  }
}
