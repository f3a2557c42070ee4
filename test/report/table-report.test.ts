import { RemovalPolicy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, CfnTable, Table, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { buildApp, OrdersStack } from '../../examples/orders/app';
import { ProductionTable } from '../../src';
import { formatReport } from '../../src/report/format';
import { TableReport, reportTables } from '../../src/report/table-report';
import { ReferenceIndex, TemplateSet } from '../../src/template';
import { TEST_ENV } from '../helpers/app';
import { TempDir, appIn, cfnGlobalTable, cfnTable, templateJson, templateOf } from '../template/fixtures';

function setOf(template: any, region?: string): TemplateSet {
  return {
    source: 'test',
    singleFile: false,
    stacks: { TestStack: template },
    details: { TestStack: { id: 'TestStack', stackName: 'TestStack', environment: { region }, templateFile: 'test', template, unreadNestedStacks: [] } },
  };
}

function reportOf(build: Parameters<typeof templateJson>[0]): TableReport {
  const reports = reportTables(setOf(templateJson(build), TEST_ENV.region));
  expect(reports).toHaveLength(1);
  return reports[0];
}

function reportOfResources(resources: { [id: string]: unknown }, region?: string): TableReport[] {
  return reportTables(setOf(templateOf(resources), region));
}

describe('table report', () => {
  test('a default ProductionTable meets every production default, with typed values', () => {
    const report = reportOf(stack => new ProductionTable(stack, 'Orders', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.NUMBER },
      timeToLiveAttribute: 'expiresAt',
    }));
    expect(report).toMatchObject({
      stack: 'TestStack',
      type: 'AWS::DynamoDB::GlobalTable',
      constructPath: 'TestStack/Orders/Resource',
      keys: { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'N' } },
      billing: { mode: 'PAY_PER_REQUEST' },
      region: 'us-east-1',
      pitr: { enabled: true, recoveryPeriodInDays: 35 },
      encryption: { kind: 'customer-managed' },
      deletionProtection: true,
      deletionPolicy: 'Retain',
      updateReplacePolicy: 'Retain',
      timeToLive: { enabled: true, attributeName: 'expiresAt' },
      replicas: [],
      gaps: [],
      ready: true,
    });
    expect(formatReport([report])).toMatch(/point-in-time rec\.: {2}on \(35 days\)[\s\S]*production-ready: {4}yes\n\n1 of 1 table\(s\) meet the production defaults/);
  });

  test('a table with the defaults turned off lists every gap', () => {
    const report = reportOf(stack => new ProductionTable(stack, 'Orders', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      encryption: TableEncryptionV2.awsManagedKey(),
      deletionProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
    }));
    expect(report.gaps).toEqual([
      'point-in-time recovery is off',
      'encryption is AWS-managed KMS key, not a customer-managed key',
      'deletion protection is off',
      'the table is deleted when removed from the stack (no Retain policy)',
    ]);
    expect(report.pitr).toEqual({ enabled: false });
    expect(report.ready).toBe(false);
    expect(formatReport([report])).toMatch(/production-ready: {4}NO — point-in-time recovery is off;/);
  });

  test('an AWS::DynamoDB::Table is reported from its top-level settings', () => {
    const report = reportOf(stack => new CfnTable(stack, 'Legacy', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    }));
    expect(report).toMatchObject({ type: 'AWS::DynamoDB::Table', pitr: { enabled: true, recoveryPeriodInDays: 35 }, encryption: { kind: 'dynamodb-owned' }, replicas: [] });
    expect(report.gaps).toContain('deletion protection is off');
  });

  test('backup selections, alarms (the table\'s and its consumer\'s) and stream consumers are counted', () => {
    const tmp = new TempDir();
    try {
      const app = buildApp(appIn(tmp.dir));
      const orders = app.node.findChild('OrdersService') as OrdersStack;
      const template = Template.fromStack(orders).toJSON();
      const [report] = reportTables(setOf(template, 'us-east-1'));
      expect(report.backupSelections).toBe(1);
      expect(report.streamConsumers).toBe(1);
      expect(report.streamConsumersWithFailureDestination).toBe(1);
      expect(report.tableAlarms).toBeGreaterThanOrEqual(4);
      // The StreamConsumer's iterator age, errors-and-throttles and failure queue alarms.
      expect(report.consumerAlarms).toBe(3);
      expect(report.alarms).toBe(report.tableAlarms + report.consumerAlarms);
      expect(formatReport([report])).toMatch(/backup plans: {8}in 1\n {2}alarms: {14}\d+ \(\d+ on the table, 3 on its consumers\)\n {2}stream consumers: {4}1 \(1 with a failure destination\)/);
      // The stack's own region is the table, not a replica.
      expect(report.region).toBe('us-east-1');
      expect((report.replicas as any[]).map(r => r.region)).toEqual(['eu-west-1', 'ap-southeast-2']);
    } finally {
      tmp.cleanup();
    }
  });

  test('"PITR only" is printed only when PITR is on', () => {
    const [on, off] = reportOfResources({
      On: cfnTable({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      Off: cfnTable(),
    });
    expect(formatReport([on])).toMatch(/backup plans: {8}none \(PITR only\)/);
    expect(formatReport([off])).toMatch(/backup plans: {8}none\n/);
    expect(off).toMatchObject({ backupSelections: 0, alarms: 0, streamConsumers: 0 });
  });

  test('alias/aws/dynamodb is an AWS-managed key, as the rule pack judges it', () => {
    const [report] = reportOfResources({ T: cfnTable({ SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/aws/dynamodb' } }) });
    expect(report.encryption).toEqual({ kind: 'aws-managed' });
    expect(report.gaps).toContain('encryption is AWS-managed KMS key, not a customer-managed key');
    const [arn] = reportOfResources({ T: cfnTable({ SSESpecification: { SSEEnabled: true, KMSMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:alias/aws/dynamodb' } }) });
    expect(arn.encryption).toEqual({ kind: 'aws-managed' });
  });

  test('DeletionPolicy Retain without UpdateReplacePolicy Retain is a gap; RetainExceptOnCreate is retained', () => {
    const [gap] = reportOfResources({ T: cfnGlobalTable({}, { UpdateReplacePolicy: undefined }) }, 'us-east-1');
    expect(gap.gaps).toEqual(['DeletionPolicy is Retain but UpdateReplacePolicy is Delete: a replacement (new key schema, new name) deletes the table']);
    const [retained] = reportOfResources({ T: cfnGlobalTable({}, { DeletionPolicy: 'RetainExceptOnCreate' }) }, 'us-east-1');
    expect(retained.gaps).toEqual([]);
    expect(retained.ready).toBe(true);
  });

  test('Ref AWS::Region and the stack\'s literal region are the stack region, not a replica', () => {
    const [report] = reportOfResources({ T: cfnGlobalTable() }, 'us-east-1');
    expect(report.region).toBe('us-east-1');
    expect((report.replicas as any[]).map(r => r.region)).toEqual(['eu-west-1']);
    const [literal] = reportOfResources({ T: cfnGlobalTable({ Replicas: [{ ...cfnGlobalTable().Properties.Replicas[1], Region: 'us-east-1' }, cfnGlobalTable().Properties.Replicas[1]] }) }, 'us-east-1');
    expect(literal.region).toBe('us-east-1');
    expect((literal.replicas as any[]).map(r => r.region)).toEqual(['eu-west-1']);
    expect(formatReport([literal])).toMatch(/region: {14}us-east-1 \(the stack's\)\n[\s\S]*replicas: {12}eu-west-1 \(/);
  });

  test('Fn::If around GlobalSecondaryIndexes, Replicas and KeySchema is reported as decided at deploy time, never a TypeError', () => {
    const ifProd = (value: unknown) => ({ 'Fn::If': ['IsProd', value, { Ref: 'AWS::NoValue' }] });
    const [report] = reportOfResources({
      T: cfnGlobalTable({
        GlobalSecondaryIndexes: ifProd([{ IndexName: 'byX', KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }]),
        Replicas: ifProd([]),
        KeySchema: ifProd([{ AttributeName: 'pk', KeyType: 'HASH' }]),
      }),
    }, 'us-east-1');
    expect(report.globalSecondaryIndexes).toMatchObject({ decidedAtDeployTime: true, condition: 'IsProd', property: 'GlobalSecondaryIndexes' });
    expect(report.undecided).toEqual(expect.arrayContaining([
      'GlobalSecondaryIndexes is decided at deploy time by condition IsProd',
      'Replicas is decided at deploy time by condition IsProd',
      'KeySchema is decided at deploy time by condition IsProd',
    ]));
    // PITR, encryption and deletion protection live in the replicas: they cannot be judged, so the table is not ready.
    expect(report.gaps).toContain('Replicas is decided at deploy time by condition IsProd: cannot be judged from the template');
    expect(report.ready).toBe(false);
    expect(formatReport([report])).toMatch(/indexes: {13}decided at deploy time \(IsProd\)/);
  });

  test('a cross-account replica says its keys and billing are inherited from the source', () => {
    const source = 'arn:aws:dynamodb:us-east-1:210987654321:table/orders';
    const [report] = reportOfResources({
      T: cfnGlobalTable({ GlobalTableSourceArn: source, KeySchema: undefined, AttributeDefinitions: undefined, BillingMode: undefined }),
    }, 'us-east-1');
    expect(report).toMatchObject({ inheritedFrom: source, keys: undefined, billing: undefined });
    expect(formatReport([report])).toMatch(/keys: {16}inherited from the source table\n {2}billing: {13}inherited from the source table arn:aws:dynamodb/);
  });

  test('Kinesis streaming destinations and vector indexes are shown', () => {
    const [report] = reportOfResources({
      T: cfnTable({
        KinesisStreamSpecification: { StreamArn: { 'Fn::GetAtt': ['Stream', 'Arn'] }, ApproximateCreationDateTimePrecision: 'MILLISECOND' },
        VectorIndexes: [{ IndexName: 'byEmbedding', Dimensions: 1024, DistanceFunction: 'COSINE', VectorAttribute: { AttributeName: 'embedding' }, Projection: { ProjectionType: 'ALL' } }],
      }),
    });
    expect(report.kinesisStreamingDestinations).toEqual([{ region: '(stack region)', destination: { streamArn: { 'Fn::GetAtt': ['Stream', 'Arn'] }, approximateCreationDateTimePrecision: 'MILLISECOND' } }]);
    expect(report.vectorIndexes).toEqual([{ name: 'byEmbedding', vectorAttribute: 'embedding', dimensions: 1024, distanceFunction: 'COSINE' }]);
    const text = formatReport([report]);
    expect(text).toMatch(/Kinesis streaming: {3}\(stack region\) → \{"Fn::GetAtt":\["Stream","Arn"\]\}/);
    expect(text).toMatch(/vector indexes: {6}byEmbedding \(embedding, 1024 dimensions\)/);
  });

  test('legacy replicas (Custom::DynamoDBReplica of Table replicationRegions) are shown, with PITR not set by the template', () => {
    const report = reportOf(stack => new Table(stack, 'Old', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      replicationRegions: ['eu-west-1'],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    expect(report.replicas).toEqual([expect.objectContaining({ region: 'eu-west-1', source: 'legacy-replica', settingsInTemplate: false, pitr: { enabled: false } })]);
    expect(report.gaps).toContain('point-in-time recovery is off (not set by the template) in eu-west-1 (legacy replica)');
    expect(formatReport([report])).toMatch(/replicas: {12}eu-west-1 \(legacy replica;/);
  });

  test('references are indexed once per template, and no resource is re-serialised per table (linear, not quadratic)', () => {
    const resources: { [id: string]: unknown } = {};
    for (let i = 0; i < 100; i++) {
      resources[`T${i}`] = cfnTable();
      resources[`T${i}Alarm`] = { Type: 'AWS::CloudWatch::Alarm', Properties: { Dimensions: [{ Name: 'TableName', Value: { Ref: `T${i}` } }] } };
    }
    const indexOf = jest.spyOn(ReferenceIndex, 'of');
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      const reports = reportOfResources(resources);
      expect(reports).toHaveLength(100);
      expect(reports.every(r => r.tableAlarms === 1)).toBe(true);
      expect(indexOf).toHaveBeenCalledTimes(1);
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      indexOf.mockRestore();
      stringify.mockRestore();
    }
  });

  test('no tables', () => {
    expect(formatReport([])).toBe('No DynamoDB tables found.\n');
  });
});
