import { Annotations, CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** CloudFormation's hard limits for one stack. */
export const MAX_RESOURCES_PER_STACK = 500;
export const MAX_TEMPLATE_BYTES = 1024 * 1024;
/** Warn from this share of a limit on: room for a few more tables, not for a surprise. */
export const WARNING_SHARE = 0.8;

/**
 * Below this many resources the template size is not measured: rendering a template costs about
 * what synthesizing it does, and reaching 80% of 1 MB with fewer resources takes over 4 KB per
 * resource, three times what our largest resource (an alarm over ten metrics) takes.
 */
export const MIN_RESOURCES_TO_MEASURE_BYTES = 200;

/** Marks a stack whose limits are already watched (across copies of this library in one app). */
const WATCHED = Symbol.for('cdk-dynamodb-kit.stackLimitsWatched');

/**
 * Warns, once per stack, when the stack that holds `scope` passes 80% of CloudFormation's 500
 * resources or 1 MB of template: judged at synthesis, on the final tree, so that resources added
 * after our constructs count too. aws-cdk-lib fails only past the limit itself.
 */
export function watchStackLimits(scope: IConstruct): void {
  const stack = Stack.of(scope);
  if ((stack as any)[WATCHED]) return;
  Object.defineProperty(stack, WATCHED, { value: true });
  stack.node.addValidation({
    validate: () => {
      const resources = resourcesOf(stack);
      if (resources.length >= MAX_RESOURCES_PER_STACK * WARNING_SHARE) {
        Annotations.of(stack).addWarningV2('cdk-dynamodb-kit:stackNearResourceLimit',
          `the stack has ${resources.length} resources, over ${WARNING_SHARE * 100}% of CloudFormation's limit of ${MAX_RESOURCES_PER_STACK} per stack; `
          + 'split its tables over several stacks (or nested stacks) before a deployment fails at the limit.');
      }
      if (resources.length >= MIN_RESOURCES_TO_MEASURE_BYTES) {
        const bytes = templateBytes(stack, resources);
        if (bytes >= MAX_TEMPLATE_BYTES * WARNING_SHARE) {
          Annotations.of(stack).addWarningV2('cdk-dynamodb-kit:stackNearTemplateSizeLimit',
            `the stack's template is about ${Math.round(bytes / 1024)} KB, over ${WARNING_SHARE * 100}% of CloudFormation's limit of 1 MB (1024 KB) per template; `
            + 'split its tables over several stacks (or nested stacks) before a deployment fails at the limit.');
        }
      }
      return [];
    },
  });
}

/** The CloudFormation resources of this stack itself (not of nested or other stacks). */
function resourcesOf(stack: Stack): CfnResource[] {
  return stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
}

/** The resources' rendered size in bytes, compact JSON: what CloudFormation counts, near enough. */
function templateBytes(stack: Stack, resources: CfnResource[]): number {
  let bytes = 0;
  for (const resource of resources) {
    bytes += JSON.stringify(stack.resolve((resource as any)._toCloudFormation())).length;
  }
  return bytes;
}
