import { billing } from './billing';
import { bucketExpiration } from './bucket-expiration';
import { conditionalExistence } from './conditional-existence';
import { decidedAtDeploy } from './decided-at-deploy';
import { deletionProtection } from './deletion-protection';
import { encryption } from './encryption';
import { eventSourceMapping } from './event-source-mapping';
import { gsiKeyTypeChanged } from './gsi-key-type-changed';
import { gsiLimit } from './gsi-limit';
import { gsiRebuilt } from './gsi-rebuilt';
import { gsiRemovedOrAdded } from './gsi-removed-added';
import { keyDisabled } from './key-disabled';
import { mappingWeakened } from './mapping-weakened';
import { pointInTimeRecovery } from './point-in-time-recovery';
import { replicaChanges } from './replicas';
import { resourceTypeChanged } from './resource-type-changed';
import { retainPolicy } from './retain-policy';
import { retentionShortened } from './retention-shortened';
import { GuardRule } from './rule';
import { statefulResource } from './stateful-resource';
import { stream } from './stream';
import { tableMoved } from './table-moved';
import { tableReplaced } from './table-replaced';
import { timeToLive } from './time-to-live';

/** Every rule, in the order findings are reported: what replaces or removes data first. */
export const GUARD_RULES: readonly GuardRule[] = [
  resourceTypeChanged,
  tableMoved,
  tableReplaced,
  gsiLimit,
  gsiRebuilt,
  gsiKeyTypeChanged,
  gsiRemovedOrAdded,
  replicaChanges,
  pointInTimeRecovery,
  deletionProtection,
  retainPolicy,
  retentionShortened,
  bucketExpiration,
  encryption,
  keyDisabled,
  timeToLive,
  stream,
  billing,
  decidedAtDeploy,
  conditionalExistence,
  statefulResource,
  eventSourceMapping,
  mappingWeakened,
];

export * from './rule';
