import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * Every test app validates its templates against CloudFormation's schemas: an invalid template fails.
 * No test reads the stack traces aws-cdk-lib records for each construct and annotation (metadata
 * only; templates do not change), and under jest each one is source-mapped: a fifth of a fuzz
 * suite's CPU. They are off, as `cdk synth` users can turn them off.
 */
export const TEST_CONTEXT = {
  '@aws-cdk/core:validateAgainstDefaultRules': true,
  'aws:cdk:disable-creation-stack-traces': true,
  'aws:cdk:disable-stack-trace': true,
};

export const TEST_ENV = { account: '123456789012', region: 'us-east-1' };

export function testApp(): App {
  return new App({ context: TEST_CONTEXT });
}

/** A stack in a fixed account and region (replicas need a region). */
export function testStack(props: StackProps = {}, app: App = testApp()): Stack {
  return new Stack(app, 'TestStack', { env: TEST_ENV, ...props });
}

/** A stack with no environment, as `cdk init` makes them. */
export function envAgnosticStack(app: App = testApp()): Stack {
  return new Stack(app, 'AgnosticStack');
}

export function templateOf(stack: Stack): Template {
  return Template.fromStack(stack);
}

/** The one resource of a type in the template, with its properties. */
export function onlyResource(template: Template, type: string): { logicalId: string; properties: any; resource: any } {
  const resources = template.findResources(type);
  const ids = Object.keys(resources);
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return { logicalId: ids[0], properties: resources[ids[0]].Properties, resource: resources[ids[0]] };
}
