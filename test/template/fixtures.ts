import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TEST_CONTEXT, TEST_ENV } from '../helpers/app';

/** A temporary folder, removed by `cleanup()`. */
export class TempDir {
  public readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-dynamodb-kit-template-'));

  public file(name: string, content: unknown): string {
    const file = path.join(this.dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  public cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** An app that synthesizes into `outdir` with path metadata, as the CDK CLI runs it. */
export function appIn(outdir: string): App {
  return new App({ outdir, context: { ...TEST_CONTEXT, 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true } });
}

/** The template of a stack built by `build`, synthesized into a temporary folder that is removed. */
export function templateJson(build: (stack: Stack) => void): any {
  const tmp = new TempDir();
  try {
    const stack = new Stack(appIn(tmp.dir), 'TestStack', { env: TEST_ENV });
    build(stack);
    return Template.fromStack(stack).toJSON();
  } finally {
    tmp.cleanup();
  }
}

/** A minimal AWS::DynamoDB::Table resource. */
export function cfnTable(properties: object = {}, extra: object = {}): any {
  return {
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      ...properties,
    },
    ...extra,
  };
}

/** A minimal AWS::DynamoDB::GlobalTable resource, compliant in every replica. */
export function cfnGlobalTable(properties: object = {}, extra: object = {}): any {
  const replica = (region: unknown) => ({
    Region: region,
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    DeletionProtectionEnabled: true,
    SSESpecification: { KMSMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc' },
  });
  return {
    Type: 'AWS::DynamoDB::GlobalTable',
    Properties: {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [replica({ Ref: 'AWS::Region' }), replica('eu-west-1')],
      ...properties,
    },
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    ...extra,
  };
}

/** A template of the given resources. */
export function templateOf(resources: { [id: string]: unknown }): any {
  return { Resources: resources };
}
