import { App, Aws, CfnCondition, Fn, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, CfnGlobalTable, CfnTable, Table, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { removeTempDirs, synthAssembly } from './synth';
import { ConsumerFailureDestination, ProductionTable } from '../../src';
import { GuardFinding, GuardResult, compareLocations, isBlocking } from '../../src/guard';
import { consumerFunction } from '../streams/fixtures';

/**
 * A corpus of real before/after cloud assemblies, synthesized the way `cdk synth` writes them
 * (construct paths and asset paths in the metadata), each with the exit code the guard must give
 * and the finding it must name. These are the cases of issue #10 that a one-change mutation of a
 * template does not reach: nested stacks, renamed artifacts, type changes, renames combined with
 * other changes, consumers moved by a rename, legacy replicas, and conditions.
 */

const pk = { name: 'pk', type: AttributeType.STRING };
const sk = { name: 'sk', type: AttributeType.STRING };
const ENV = { account: '123456789012', region: 'us-east-1' };

type Version = 'before' | 'after';

function guard(build: (app: App, version: Version) => void): GuardResult & { exitCode: number } {
  const before = synthAssembly(app => build(app, 'before'));
  const after = synthAssembly(app => build(app, 'after'));
  const result = compareLocations(before, after);
  return { ...result, exitCode: result.findings.some(isBlocking) ? 1 : 0 };
}

function codes(findings: GuardFinding[]): string[] {
  return findings.map(f => `${f.severity}:${f.kind}`);
}

function one(findings: GuardFinding[], kind: string): GuardFinding {
  const found = findings.filter(f => f.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

afterAll(removeTempDirs);

describe('a table inside a nested stack', () => {
  const nested = (v: Version, build: (scope: NestedStack, v: Version) => void) => (app: App) => {
    const stack = new Stack(app, 'OrdersStack', { env: ENV });
    build(new NestedStack(stack, 'Data'), v);
  };

  test('a key-schema change inside it: blocking, named with the nested stack', () => {
    const result = guard((app, v) => nested(v, (scope) => new ProductionTable(scope, 'Orders', { partitionKey: pk, sortKey: v === 'after' ? sk : undefined }))(app));
    expect(result.exitCode).toBe(1);
    const f = one(result.findings, 'TABLE_REPLACED');
    expect(f.stack).toMatch(/^OrdersStack\/DataNestedStackDataNestedStackResource[0-9A-F]{8}$/);
    expect(f.property).toBe('KeySchema');
    expect(result.tablesCompared).toBe(1);
  });

  test('a plain table inside it put under a CfnCondition: blocking, named with the nested stack', () => {
    const result = guard((app, v) => nested(v, (scope) => {
      const table = new TableV2(scope, 'Scratch', { partitionKey: pk, removalPolicy: RemovalPolicy.DESTROY });
      if (v === 'after') {
        const isProd = new CfnCondition(scope, 'IsProd', { expression: Fn.conditionEquals(Aws.REGION, 'us-east-1') });
        (table.node.defaultChild as CfnGlobalTable).cfnOptions.condition = isProd;
      }
    })(app));
    expect(result.exitCode).toBe(1);
    const f = one(result.findings, 'CONDITION_ADDED');
    expect([f.severity, f.stack, f.after]).toEqual(['blocking', expect.stringMatching(/^OrdersStack\/DataNestedStack/), 'IsProd']);
  });

  test('two GSIs added inside it: blocking', () => {
    const gsi = (name: string) => ({ indexName: name, partitionKey: { name, type: AttributeType.STRING } });
    const result = guard((app, v) => nested(v, (scope) => new ProductionTable(scope, 'Orders', {
      partitionKey: pk,
      globalSecondaryIndexes: v === 'after' ? [gsi('byEmail'), gsi('byStatus')] : [],
    }))(app));
    expect(result.exitCode).toBe(1);
    expect(one(result.findings, 'GSI_LIMIT_EXCEEDED').stack).toMatch(/^OrdersStack\/DataNestedStack/);
  });

  test('a fixed-name Retain table moved into a nested stack: blocking (a new empty table, and the create fails on the name)', () => {
    const result = guard((app, v) => {
      const stack = new Stack(app, 'OrdersStack', { env: ENV });
      new ProductionTable(v === 'before' ? stack : new NestedStack(stack, 'Data'), 'Orders', { partitionKey: pk, tableName: 'orders' });
    });
    expect(result.exitCode).toBe(1);
    const f = one(result.findings, 'LOGICAL_ID_CHANGED');
    expect(f.stack).toBe('OrdersStack');
    expect(f.after).toMatch(/^OrdersStack\/DataNestedStack\w+\/Orders[0-9A-F]{8}$/);
    expect(f.problem).toMatch(/into another stack/);
    expect(f.problem).toMatch(/same fixed TableName the create fails/);
  });
});

describe('a nested stack removed or renamed', () => {
  test('removed with a Delete table in it: the table is deleted (blocking), named inside the nested stack', () => {
    const result = guard((app, v) => {
      const stack = new Stack(app, 'OrdersStack', { env: ENV });
      new ProductionTable(stack, 'Stays', { partitionKey: pk });
      if (v === 'before') new TableV2(new NestedStack(stack, 'Data'), 'Scratch', { partitionKey: { name: 'id', type: AttributeType.STRING }, removalPolicy: RemovalPolicy.DESTROY });
    });
    expect(result.exitCode).toBe(1);
    const f = one(result.findings, 'TABLE_REMOVED');
    expect([f.severity, f.stack]).toEqual(['blocking', expect.stringMatching(/^OrdersStack\/DataNestedStack/)]);
  });

  test('the NestedStack construct renamed: every table in it moves to a new nested stack (blocking)', () => {
    const result = guard((app, v) => {
      const stack = new Stack(app, 'OrdersStack', { env: ENV });
      new ProductionTable(new NestedStack(stack, v === 'before' ? 'Data' : 'Storage'), 'Orders', { partitionKey: pk });
    });
    expect(result.exitCode).toBe(1);
    const f = one(result.findings, 'LOGICAL_ID_CHANGED');
    expect(f.stack).toMatch(/^OrdersStack\/DataNestedStack/);
    expect(f.after).toMatch(/^OrdersStack\/StorageNestedStack\w+\/Orders[0-9A-F]{8}$/);
  });
});

describe('stacks are matched by CloudFormation stack name and environment', () => {
  test('a renamed artifact with a pinned stackName is the same stack: its change is compared', () => {
    const result = guard((app, v) => {
      const stack = new Stack(app, v === 'before' ? 'OrdersStack' : 'OrdersStackV2', { stackName: 'orders-prod', env: ENV });
      new ProductionTable(stack, 'Orders', { partitionKey: pk, sortKey: v === 'after' ? sk : undefined });
    });
    expect(result.exitCode).toBe(1);
    expect(result.stacksCompared).toEqual(['OrdersStackV2']);
    expect(codes(result.findings)).toEqual(['blocking:TABLE_REPLACED']);
  });

  test('the same stack name in another account is another stack', () => {
    const result = guard((app, v) => {
      const stack = new Stack(app, 'OrdersStack', { stackName: 'orders-prod', env: { ...ENV, account: v === 'before' ? '111111111111' : '222222222222' } });
      new ProductionTable(stack, 'Orders', { partitionKey: pk });
    });
    expect(result.exitCode).toBe(0);
    expect(result.stacksCompared).toEqual([]);
    expect(codes(result.findings)).toEqual(['info:STACK_REMOVED']);
  });
});

describe('type and identity', () => {
  test('Table to TableV2 under the same logical ID: CloudFormation rejects a type change (blocking)', () => {
    const result = guard((app, v) => {
      const stack = new Stack(app, 'OrdersStack', { env: ENV });
      if (v === 'before') new Table(stack, 'Orders', { partitionKey: pk, removalPolicy: RemovalPolicy.RETAIN });
      else new TableV2(stack, 'Orders', { partitionKey: pk, removalPolicy: RemovalPolicy.RETAIN });
    });
    expect(result.exitCode).toBe(1);
    const f = one(result.findings, 'RESOURCE_TYPE_CHANGED');
    expect([f.before, f.after]).toEqual(['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']);
    expect(f.safeChange).toMatch(/cdk import/);
  });

  test.each([
    ['rename + one GSI added', (v: Version) => ({ partitionKey: pk, globalSecondaryIndexes: v === 'after' ? [{ indexName: 'byEmail', partitionKey: { name: 'email', type: AttributeType.STRING } }] : [] })],
    ['rename + sort key dropped', (v: Version) => ({ partitionKey: pk, sortKey: v === 'before' ? sk : undefined })],
    ['rename + attribute order changed', (v: Version) => ({ partitionKey: pk, sortKey: sk, localSecondaryIndexes: [{ indexName: 'byDate', sortKey: { name: v === 'before' ? 'date' : 'day', type: AttributeType.STRING } }] })],
  ])('%s of a Retain table: paired as a rename by its partition key, blocking', (_label, props) => {
    const result = guard((app, v) => {
      const stack = new Stack(app, 'OrdersStack', { env: ENV });
      new ProductionTable(stack, v === 'before' ? 'Orders' : 'OrdersTable', props(v));
    });
    expect(result.exitCode).toBe(1);
    expect(one(result.findings, 'LOGICAL_ID_CHANGED').problem).toMatch(/orphaned \(RETAIN\)/);
    expect(result.findings.filter(f => f.kind === 'TABLE_REMOVED')).toEqual([]);
  });

  test('a GSI key attribute type changed (S to N), same KeySchema: blocking', () => {
    const result = guard((app, v) => {
      const stack = new Stack(app, 'OrdersStack', { env: ENV });
      new ProductionTable(stack, 'Orders', {
        partitionKey: pk,
        globalSecondaryIndexes: [{ indexName: 'byTotal', partitionKey: { name: 'total', type: v === 'before' ? AttributeType.STRING : AttributeType.NUMBER } }],
      });
    });
    expect(result.exitCode).toBe(1);
    const f = one(result.findings, 'GSI_KEY_TYPE_CHANGED');
    expect([f.property, f.before, f.after]).toEqual(['GlobalSecondaryIndexes[byTotal].AttributeDefinitions', ['S'], ['N']]);
  });
});

describe('a construct rename moves the table\'s neighbours', () => {
  /** The default consumer (its failure queue retained, under the table's key), or one whose queue and its DLQ are deleted with it. */
  const withConsumer = (tableId: string, consumerId: string, deletedQueues = false) => (app: App) => {
    const stack = new Stack(app, 'OrdersStack', { env: ENV });
    const table = new ProductionTable(stack, tableId, { partitionKey: pk });
    table.addConsumer(consumerId, {
      handler: consumerFunction(stack),
      failureDestination: deletedQueues
        ? ConsumerFailureDestination.createdQueue({ deadLetterQueue: true, removalPolicy: RemovalPolicy.DESTROY })
        : undefined,
    });
  };
  const movedOf = (result: GuardResult) => result.findings.filter(f => f.kind === 'RESOURCE_MOVED');
  const shapeOf = (moved: GuardFinding[]) => moved.map(f => [f.severity, f.resourceType, f.logicalId.replace(/[0-9A-F]{8}$/, '')]).sort();

  test('renaming Orders to OrdersTable: the key, the retained failure queue and the mapping move too; the advice covers them all', () => {
    const result = guard((app, v) => withConsumer(v === 'before' ? 'Orders' : 'OrdersTable', 'Consumer')(app));
    expect(result.exitCode).toBe(1);
    const table = one(result.findings, 'LOGICAL_ID_CHANGED');
    const moved = movedOf(result);
    expect(shapeOf(moved)).toEqual([
      ['warning', 'AWS::KMS::Key', 'OrdersKey'],
      ['warning', 'AWS::SQS::Queue', 'OrdersConsumerFailureQueue'],
    ].sort());
    const mapping = one(result.findings, 'MAPPING_RECREATED');
    expect(mapping.severity).toBe('warning');
    expect(mapping.problem).toMatch(/TRIM_HORIZON, so the stream is replayed/);
    for (const f of [...moved, mapping]) expect(table.safeChange).toContain(`overrideLogicalId('${f.logicalId}')`);
  });

  test('renaming Orders to OrdersTable with queues deleted on removal: the failure queue and its DLQ block', () => {
    const result = guard((app, v) => withConsumer(v === 'before' ? 'Orders' : 'OrdersTable', 'Consumer', true)(app));
    expect(result.exitCode).toBe(1);
    const moved = movedOf(result);
    expect(shapeOf(moved)).toEqual([
      ['blocking', 'AWS::SQS::Queue', 'OrdersConsumerFailureQueue'],
      ['blocking', 'AWS::SQS::Queue', 'OrdersConsumerFailureQueueDeadLetters'],
      ['warning', 'AWS::KMS::Key', 'OrdersKey'],
    ].sort());
    expect(moved.find(f => f.logicalId.startsWith('OrdersConsumerFailureQueueDeadLetters'))!.problem).toMatch(/the only copy of the failed records/);
  });

  test('a renamed consumer whose queues are deleted: the failed records go with them (blocking), the stream replayed', () => {
    const result = guard((app, v) => withConsumer('Orders', v === 'before' ? 'Consumer' : 'Processor', true)(app));
    expect(result.exitCode).toBe(1);
    expect(movedOf(result).filter(f => f.severity === 'blocking')).toHaveLength(2);
    expect(one(result.findings, 'MAPPING_RECREATED').after).toBe('TRIM_HORIZON');
    expect(result.findings.filter(f => ['LOGICAL_ID_CHANGED', 'TABLE_REMOVED'].includes(f.kind))).toEqual([]);
  });

  test('a renamed default consumer: its retained queue is left behind (a warning saying so), the stream replayed', () => {
    const result = guard((app, v) => withConsumer('Orders', v === 'before' ? 'Consumer' : 'Processor')(app));
    const moved = movedOf(result);
    expect(shapeOf(moved)).toEqual([['warning', 'AWS::SQS::Queue', 'OrdersConsumerFailureQueue']]);
    expect(one(result.findings, 'MAPPING_RECREATED').after).toBe('TRIM_HORIZON');
    expect(result.findings.filter(isBlocking)).toEqual([]);
  });
});

describe('legacy replicas (Table replicationRegions, Custom::DynamoDBReplica)', () => {
  const legacy = (regions: string[], withoutStream = false) => (app: App) => {
    const stack = new Stack(app, 'OrdersStack', { env: ENV });
    const table = new Table(stack, 'Orders', { partitionKey: pk, replicationRegions: regions });
    if (withoutStream) (table.node.defaultChild as CfnTable).addPropertyDeletionOverride('StreamSpecification');
  };

  test('a replica removed: blocking', () => {
    const result = guard((app, v) => legacy(v === 'before' ? ['us-west-2', 'eu-west-1'] : ['us-west-2'])(app));
    expect(result.exitCode).toBe(1);
    const f = one(result.findings, 'REPLICA_REMOVED');
    expect(f.property).toMatch(/^OrdersReplicaeuwest1\w+ \(Custom::DynamoDBReplica eu-west-1\)$/);
  });

  test('the stream of a replicated table removed: blocking', () => {
    const result = guard((app, v) => legacy(['us-west-2'], v === 'after')(app));
    expect(result.exitCode).toBe(1);
    expect(one(result.findings, 'STREAM_DISABLED').problem).toMatch(/replicationRegions.*the deploy fails/);
  });
});

describe('the stack region', () => {
  test('{"Ref": "AWS::Region"} before, the literal region after (an env added) plus one replica: one replica added, safe', () => {
    const result = guard((app, v) => {
      const stack = new Stack(app, 'OrdersStack', v === 'after' ? { env: ENV } : {});
      new TableV2(stack, 'Orders', { partitionKey: pk, removalPolicy: RemovalPolicy.RETAIN, replicas: v === 'after' ? [{ region: 'us-west-2' }] : undefined });
    });
    expect(codes(result.findings)).toEqual(['info:REPLICA_ADDED']);
    expect(result.findings[0].property).toBe('Replicas[us-west-2]');
    expect(result.exitCode).toBe(0);
  });
});

describe('Fn::If (CfnCondition and an escape hatch)', () => {
  const conditional = (property: 'GlobalSecondaryIndexes' | 'Replicas' | 'KeySchema') => (app: App, v: Version) => {
    const stack = new Stack(app, 'OrdersStack', { env: ENV });
    const table = new TableV2(stack, 'Orders', { partitionKey: pk, removalPolicy: RemovalPolicy.RETAIN });
    if (v === 'before') return;
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(Aws.ACCOUNT_ID, '123456789012') });
    const cfn = table.node.defaultChild as CfnGlobalTable;
    const [ifTrue, ifFalse] = {
      GlobalSecondaryIndexes: [[{ IndexName: 'byEmail', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }], Aws.NO_VALUE],
      Replicas: [[{ Region: 'us-east-1' }, { Region: 'us-west-2' }], [{ Region: 'us-east-1' }]],
      KeySchema: [[{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'pk', KeyType: 'RANGE' }], [{ AttributeName: 'pk', KeyType: 'HASH' }]],
    }[property];
    cfn.addPropertyOverride(property, Fn.conditionIf(isProd.logicalId, ifTrue, ifFalse));
  };

  test.each([
    ['GlobalSecondaryIndexes', 'warning', 0],
    ['Replicas', 'warning', 0],
    ['KeySchema', 'blocking', 1],
  ] as const)('%s under Fn::If: a finding that names the property and the condition (%s), never a TypeError', (property, severity, exitCode) => {
    const result = guard(conditional(property));
    const f = one(result.findings, 'DECIDED_AT_DEPLOY');
    expect([f.property, f.severity]).toEqual([property, severity]);
    expect(f.problem).toMatch(new RegExp(`^${property} changed and is decided at deploy time by condition IsProd`));
    expect(result.exitCode).toBe(exitCode);
  });
});
