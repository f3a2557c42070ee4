import { Aws, CfnCondition, CfnResource, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, Capacity, StreamViewType, Table, TableEncryptionV2, TableV2, BillingMode, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { removeTempDirs, synthPair } from './synth';
import { ProductionTable } from '../../src';
import { compareTemplates, GuardFinding, FINDING_KINDS } from '../../src/guard';

const pk = { name: 'pk', type: AttributeType.STRING };
const sk = { name: 'sk', type: AttributeType.STRING };

function kinds(findings: GuardFinding[]): string[] {
  return findings.map(f => `${f.severity}:${f.kind}:${f.property}`);
}

function compare(build: Parameters<typeof synthPair>[0]): GuardFinding[] {
  const { before, after } = synthPair(build);
  return compareTemplates(before, after, 'TestStack');
}

const covered = new Set<string>();
function expectKinds(findings: GuardFinding[], expected: string[]) {
  expect(kinds(findings)).toEqual(expected);
  for (const f of findings) {
    covered.add(f.kind);
    expect(f.stack).toBe('TestStack');
    expect(f.logicalId).toMatch(/^\w+$/);
    expect(f.resourceType).toMatch(/^AWS::(DynamoDB::(Global)?Table|KMS::Key)$/);
    expect(f.problem.length).toBeGreaterThan(20);
    expect(f.safeChange.length).toBeGreaterThan(20);
  }
}

// Tested elsewhere: STACK_REMOVED (assembly level, cli.test.ts); the rules beyond a table's own
// properties (rules.test.ts, corpus.test.ts).
const ELSEWHERE = ['STACK_REMOVED', 'RESOURCE_TYPE_CHANGED', 'RESOURCE_REPLACED', 'MAPPING_RECREATED', 'MAPPING_REMOVED', 'MAPPING_WEAKENED', 'RETENTION_SHORTENED', 'OBJECT_EXPIRATION_SHORTENED', 'GSI_KEY_TYPE_CHANGED', 'DECIDED_AT_DEPLOY'];
afterAll(removeTempDirs);
afterAll(() => {
  // Every other finding kind has a test here.
  expect([...covered].sort()).toEqual(Object.keys(FINDING_KINDS).filter(k => !ELSEWHERE.includes(k)).sort());
});

describe('no findings', () => {
  test('the same app twice', () => {
    expect(compare(stack => new ProductionTable(stack, 'Orders', { partitionKey: pk }))).toEqual([]);
  });

  test('changes that are safe: contributor insights, tags, capacity, a non-key attribute', () => {
    expect(compare((stack, v) => new ProductionTable(stack, 'Orders', {
      partitionKey: pk,
      contributorInsights: v === 'before',
      tags: v === 'after' ? [{ key: 'team', value: 'orders' }] : undefined,
    }))).toEqual([]);
  });
});

describe('replacement and removal', () => {
  test('a removed table with RETAIN is orphaned (warning)', () => {
    const findings = compare((stack, v) => {
      new ProductionTable(stack, 'Stays', { partitionKey: pk });
      if (v === 'before') new ProductionTable(stack, 'Orders', { partitionKey: pk });
    });
    // ProductionTable's own KMS key (RETAIN) leaves with it: orphaned, nothing lost.
    expectKinds(findings, ['warning:TABLE_REMOVED:(resource)', 'warning:RESOURCE_REMOVED:(resource)']);
    expect(findings[0].problem).toMatch(/orphaned \(RETAIN\)/);
    expect(findings[1]).toEqual(expect.objectContaining({ resourceType: 'AWS::KMS::Key', logicalId: expect.stringMatching(/^OrdersKey/) }));
    expect(findings[0].safeChange).toMatch(/cdk import/);
  });

  test('a removed table without RETAIN loses its data (blocking)', () => {
    const findings = compare((stack, v) => {
      new ProductionTable(stack, 'Stays', { partitionKey: pk });
      if (v === 'before') new TableV2(stack, 'Orders', { partitionKey: pk, removalPolicy: RemovalPolicy.DESTROY });
    });
    expectKinds(findings, ['blocking:TABLE_REMOVED:(resource)']);
    expect(findings[0].problem).toMatch(/deleted with all its data/);
  });

  test('a renamed construct moves the logical ID: a new empty table (blocking)', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, v === 'before' ? 'Orders' : 'OrdersTable', { partitionKey: pk }));
    // The table's sibling key (OrdersKey -> OrdersTableKey) moves too: the advice covers both.
    expectKinds(findings, ['blocking:LOGICAL_ID_CHANGED:(logical ID)', 'warning:RESOURCE_MOVED:(logical ID)']);
    expect(findings[0].after).toMatch(/^OrdersTable/);
    expect(findings[0].safeChange).toMatch(/overrideLogicalId\('Orders[0-9A-F]{8}'\) on the AWS::DynamoDB::GlobalTable now synthesized as OrdersTable[0-9A-F]{8}/);
    expect(findings[0].safeChange).toMatch(/overrideLogicalId\('OrdersKey[0-9A-F]{8}'\) on the AWS::KMS::Key now synthesized as OrdersTableKey[0-9A-F]{8}/);
    expect(findings[1].problem).toMatch(/the KMS key moves to logical ID OrdersTableKey\w+ .*the old one is orphaned \(DeletionPolicy Retain\)/);
  });

  test('a moved table with a fixed name fails the deploy', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, v === 'before' ? 'Orders' : 'Renamed', { partitionKey: pk, tableName: 'orders', sortKey: v === 'after' ? sk : undefined }));
    expectKinds(findings, ['blocking:LOGICAL_ID_CHANGED:(logical ID)', 'warning:RESOURCE_MOVED:(logical ID)']);
    expect(findings[0].problem).toMatch(/same fixed TableName the create fails/);
  });

  test('a key schema change replaces the table; with a fixed name the deploy fails', () => {
    const generated = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, sortKey: v === 'after' ? sk : undefined }));
    expectKinds(generated, ['blocking:TABLE_REPLACED:KeySchema']);
    expect(generated[0].problem).toMatch(/CloudFormation replaces the table: the old table is orphaned \(UpdateReplacePolicy Retain\)/);
    const named = compare((stack, v) => new ProductionTable(stack, 'Orders', { tableName: 'orders', partitionKey: pk, sortKey: v === 'after' ? sk : undefined }));
    expect(named[0].problem).toMatch(/fixed TableName, so the deploy fails/);
  });

  test('a key attribute type change replaces the table', () => {
    const findings = compare((stack, v) => new TableV2(stack, 'Orders', { partitionKey: { name: 'pk', type: v === 'before' ? AttributeType.STRING : AttributeType.NUMBER }, removalPolicy: RemovalPolicy.DESTROY }));
    expectKinds(findings, ['blocking:TABLE_REPLACED:AttributeDefinitions']);
    expect(findings[0].before).toEqual(['S']);
    expect(findings[0].after).toEqual(['N']);
    expect(findings[0].problem).toMatch(/deleted with all its data/);
  });

  test('a local secondary index added later replaces the table', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', {
      partitionKey: pk,
      sortKey: sk,
      localSecondaryIndexes: v === 'after' ? [{ indexName: 'byDate', sortKey: { name: 'date', type: AttributeType.STRING } }] : undefined,
    }));
    expectKinds(findings, ['blocking:TABLE_REPLACED:LocalSecondaryIndexes']);
    expect(findings[0].safeChange).toMatch(/global secondary index instead/);
  });

  test('a new table name replaces the table', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, tableName: v === 'before' ? 'orders' : 'orders-v2' }));
    expectKinds(findings, ['blocking:TABLE_REPLACED:TableName']);
    expect([findings[0].before, findings[0].after]).toEqual(['orders', 'orders-v2']);
  });
});

describe('global secondary indexes', () => {
  const gsi = (name: string, key = 'email') => ({ indexName: name, partitionKey: { name: key, type: AttributeType.STRING } });

  test('one index added: info', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, globalSecondaryIndexes: v === 'after' ? [gsi('byEmail')] : [] }));
    expectKinds(findings, ['info:GSI_ADDED:GlobalSecondaryIndexes[byEmail]']);
  });

  test('two indexes added in one update: rejected', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, globalSecondaryIndexes: v === 'after' ? [gsi('byEmail'), gsi('byStatus', 'status')] : [] }));
    expectKinds(findings, ['blocking:GSI_LIMIT_EXCEEDED:GlobalSecondaryIndexes']);
    expect(findings[0].problem).toMatch(/creates byEmail, byStatus/);
    expect(findings[0].safeChange).toMatch(/add one GSI per deploy/);
  });

  test('one index deleted: warning; one deleted and one added: rejected', () => {
    const removed = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, globalSecondaryIndexes: v === 'before' ? [gsi('byEmail')] : [] }));
    expectKinds(removed, ['warning:GSI_REMOVED:GlobalSecondaryIndexes[byEmail]']);
    const swapped = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, globalSecondaryIndexes: [gsi(v === 'before' ? 'byEmail' : 'byMail')] }));
    expectKinds(swapped, ['blocking:GSI_LIMIT_EXCEEDED:GlobalSecondaryIndexes', 'warning:GSI_REMOVED:GlobalSecondaryIndexes[byEmail]']);
  });

  test('an index whose key changes in place: rejected', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, globalSecondaryIndexes: [gsi('byEmail', v === 'before' ? 'email' : 'mail')] }));
    expectKinds(findings, ['blocking:GSI_LIMIT_EXCEEDED:GlobalSecondaryIndexes', 'blocking:GSI_REBUILT:GlobalSecondaryIndexes[byEmail]']);
  });

  test('the same on an AWS::DynamoDB::Table', () => {
    const findings = compare((stack, v) => {
      const table = new Table(stack, 'Old', { partitionKey: pk, billingMode: BillingMode.PAY_PER_REQUEST });
      if (v === 'after') {
        table.addGlobalSecondaryIndex(gsi('byEmail'));
        table.addGlobalSecondaryIndex(gsi('byStatus', 'status'));
      }
    });
    expectKinds(findings, ['blocking:GSI_LIMIT_EXCEEDED:GlobalSecondaryIndexes']);
    expect(findings[0].resourceType).toBe('AWS::DynamoDB::Table');
  });
});

describe('replicas', () => {
  const replicated = (regions: string[]) => (stack: any) => new TableV2(stack, 'Orders', {
    partitionKey: pk,
    replicas: regions.map(region => ({ region })),
    deletionProtection: false,
  });

  test('one replica added: info', () => {
    const { before, after } = { before: synthPair(replicated(['us-west-2'])).before, after: synthPair(replicated(['us-west-2', 'eu-west-1'])).after };
    expectKinds(compareTemplates(before, after, 'TestStack'), ['info:REPLICA_ADDED:Replicas[eu-west-1]']);
  });

  test('two replicas added in one update: rejected', () => {
    const findings = compare((stack, v) => replicated(v === 'before' ? [] : ['us-west-2', 'eu-west-1'])(stack));
    expectKinds(findings, ['blocking:REPLICA_LIMIT_EXCEEDED:Replicas', 'info:REPLICA_ADDED:Replicas[us-west-2]', 'info:REPLICA_ADDED:Replicas[eu-west-1]']);
  });

  test('a replica removed deletes the region\'s data; with deletion protection the deploy fails', () => {
    const findings = compare((stack, v) => replicated(v === 'before' ? ['us-west-2'] : [])(stack));
    // TableV2 drops the stream it added for the replica: consumers of it stop too.
    expectKinds(findings, ['blocking:REPLICA_REMOVED:Replicas[us-west-2]', 'warning:STREAM_DISABLED:StreamSpecification']);
    expect(findings[0].problem).toMatch(/deletes that region's table and its data/);
    const guarded = compare((stack, v) => new ProductionTable(stack, 'Orders', {
      partitionKey: pk,
      encryption: TableEncryptionV2.awsManagedKey(),
      replicas: v === 'before' ? [{ region: 'us-west-2' }] : [],
    }));
    expectKinds(guarded, ['blocking:REPLICA_REMOVED:Replicas[us-west-2]', 'warning:STREAM_DISABLED:StreamSpecification']);
    expect(guarded[0].problem).toMatch(/deletion protection, so the deploy fails/);
  });
});

describe('protection weakened', () => {
  test('PITR turned off', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, pointInTimeRecovery: v === 'before' }));
    expectKinds(findings, ['warning:PITR_DISABLED:Replicas[us-east-1].PointInTimeRecoverySpecification']);
  });

  test('PITR shortened', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', {
      partitionKey: pk,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: v === 'before' ? 35 : 7 },
    }));
    expectKinds(findings, ['warning:PITR_SHORTENED:Replicas[us-east-1].PointInTimeRecoverySpecification.RecoveryPeriodInDays']);
    expect([findings[0].before, findings[0].after]).toEqual([35, 7]);
  });

  test('deletion protection turned off', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, deletionProtection: v === 'before' }));
    expectKinds(findings, ['warning:DELETION_PROTECTION_REMOVED:Replicas[us-east-1].DeletionProtectionEnabled']);
  });

  test('retain changed to delete', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, removalPolicy: v === 'before' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY }));
    expectKinds(findings, ['warning:RETAIN_REMOVED:DeletionPolicy', 'warning:RETAIN_REMOVED:UpdateReplacePolicy']);
  });

  test('the KMS key changed', () => {
    const findings = compare((stack, v) => {
      const key = new kms.Key(stack, v === 'before' ? 'KeyA' : 'KeyB');
      new ProductionTable(stack, 'Orders', { partitionKey: pk, encryption: TableEncryptionV2.customerManagedKey(key) });
    });
    // KeyA leaves (kms.Key retains by default: orphaned, not deleted) and KeyB is created.
    expectKinds(findings, ['warning:ENCRYPTION_CHANGED:Replicas[us-east-1].SSESpecification.KMSMasterKeyId', 'warning:RESOURCE_MOVED:(logical ID)']);
  });

  test('the table\'s KMS key disabled', () => {
    const findings = compare((stack, v) => {
      const key = new kms.Key(stack, 'Key', { enabled: v === 'before' });
      new ProductionTable(stack, 'Orders', { partitionKey: pk, encryption: TableEncryptionV2.customerManagedKey(key) });
    });
    expectKinds(findings, ['blocking:KEY_DISABLED:Enabled']);
    expect(findings[0].problem).toMatch(/DynamoDB archives a table whose key stays inaccessible for seven days/);
  });

  test('the table put under a CfnCondition', () => {
    const findings = compare((stack, v) => {
      const table = new ProductionTable(stack, 'Orders', { partitionKey: pk });
      if (v === 'after') {
        const inProd = new CfnCondition(stack, 'InProd', { expression: Fn.conditionEquals(Aws.ACCOUNT_ID, '123456789012') });
        (table.node.defaultChild as CfnResource).cfnOptions.condition = inProd;
      }
    });
    // Retained (RemovalPolicy.RETAIN, our default): orphaned where the condition is false.
    expectKinds(findings, ['warning:CONDITION_ADDED:Condition']);
    expect(findings[0].problem).toMatch(/the table now exists only where the condition "InProd" is true: where it is false, this deploy takes it out of the stack/);
  });

  test('customer-managed key to DynamoDB-owned', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, encryption: v === 'before' ? undefined : TableEncryptionV2.dynamoOwnedKey() }));
    expect(kinds(findings)).toEqual(expect.arrayContaining(['warning:ENCRYPTION_CHANGED:SSESpecification']));
    expect(kinds(findings)).toEqual(['warning:ENCRYPTION_CHANGED:SSESpecification', 'warning:RESOURCE_REMOVED:(resource)']);
  });

  test('the same checks on an AWS::DynamoDB::Table', () => {
    const findings = compare((stack, v) => new Table(stack, 'Old', {
      partitionKey: pk,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: v === 'before' },
      deletionProtection: v === 'before',
      encryption: v === 'before' ? TableEncryption.CUSTOMER_MANAGED : TableEncryption.AWS_MANAGED,
    }));
    expect(kinds(findings)).toEqual(expect.arrayContaining([
      'warning:PITR_DISABLED:PointInTimeRecoverySpecification',
      'warning:DELETION_PROTECTION_REMOVED:DeletionProtectionEnabled',
      'warning:ENCRYPTION_CHANGED:SSESpecification.KMSMasterKeyId',
    ]));
  });
});

describe('time to live', () => {
  test('a new TTL attribute needs two deploys: the deploy fails', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, timeToLiveAttribute: v === 'before' ? 'expiresAt' : 'ttl' }));
    expectKinds(findings, ['blocking:TTL_ATTRIBUTE_CHANGED:TimeToLiveSpecification.AttributeName']);
    expect(findings[0].safeChange).toMatch(/two deploys/);
  });

  test('TTL turned off', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, timeToLiveAttribute: v === 'before' ? 'expiresAt' : undefined }));
    expectKinds(findings, ['warning:TTL_DISABLED:TimeToLiveSpecification']);
  });

  test('TTL turned on for a table that already holds items: the items already past their time are deleted', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, timeToLiveAttribute: v === 'before' ? undefined : 'createdAt' }));
    expectKinds(findings, ['warning:TTL_ENABLED:TimeToLiveSpecification']);
    expect(findings[0].problem).toMatch(/every item whose createdAt is a number of epoch seconds in the past/);
    // A table created with TTL has no items to lose.
    expect(compare((stack, v) => new ProductionTable(stack, v === 'before' ? 'Other' : 'Orders', { partitionKey: pk, timeToLiveAttribute: 'expiresAt' }))
      .filter(f => f.kind === 'TTL_ENABLED')).toEqual([]);
  });
});

describe('streams', () => {
  test('a new view type: the deploy fails and consumers break', () => {
    const findings = compare((stack, v) => new ProductionTable(stack, 'Orders', { partitionKey: pk, dynamoStream: v === 'before' ? StreamViewType.NEW_IMAGE : StreamViewType.NEW_AND_OLD_IMAGES }));
    expectKinds(findings, ['blocking:STREAM_VIEW_TYPE_CHANGED:StreamSpecification.StreamViewType']);
    expect(findings[0].problem).toMatch(/new ARN/);
  });

  test('the stream turned off: consumers stop (warning)', () => {
    const findings = compare((stack, v) => new Table(stack, 'Old', { partitionKey: pk, stream: v === 'before' ? StreamViewType.KEYS_ONLY : undefined }));
    expectKinds(findings, ['warning:STREAM_DISABLED:StreamSpecification']);
  });

  test('the stream turned off on a multi-region global table: the deploy fails', () => {
    const { before } = synthPair(stack => new TableV2(stack, 'Orders', { partitionKey: pk, replicas: [{ region: 'us-west-2' }] }));
    const after = JSON.parse(JSON.stringify(before));
    const id = Object.keys(after.Resources).find(k => after.Resources[k].Type === 'AWS::DynamoDB::GlobalTable')!;
    delete after.Resources[id].Properties.StreamSpecification;
    expectKinds(compareTemplates(before, after, 'TestStack'), ['blocking:STREAM_DISABLED:StreamSpecification']);
  });
});

describe('billing', () => {
  test('on-demand to provisioned', () => {
    const findings = compare((stack, v) => new TableV2(stack, 'Orders', {
      partitionKey: pk,
      billing: v === 'before' ? Billing.onDemand() : Billing.provisioned({ readCapacity: Capacity.autoscaled({ maxCapacity: 10 }), writeCapacity: Capacity.autoscaled({ maxCapacity: 10 }) }),
    }));
    expectKinds(findings, ['warning:BILLING_MODE_SWITCHED:BillingMode']);
    expect([findings[0].before, findings[0].after]).toEqual(['PAY_PER_REQUEST', 'PROVISIONED']);
  });

  test('provisioned (the Table default) to on-demand', () => {
    const findings = compare((stack, v) => new Table(stack, 'Old', { partitionKey: pk, billingMode: v === 'before' ? undefined : BillingMode.PAY_PER_REQUEST }));
    expectKinds(findings, ['warning:BILLING_MODE_SWITCHED:BillingMode']);
    expect(findings[0].safeChange).toMatch(/MaxReadRequestUnits/);
  });
});

describe('input', () => {
  test('a value that is not a template is refused', () => {
    expect(() => compareTemplates({ Foo: 1 }, { Resources: {} })).toThrow(/before: not a CloudFormation template/);
  });

  test('Duration is unused in templates but imports stay honest', () => {
    expect(Duration.days(1).toDays()).toBe(1);
  });
});
