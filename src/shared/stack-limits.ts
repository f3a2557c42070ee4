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

/**
 * An estimate under this share of 1 MB is trusted not to hide 80%: the estimate would have to be
 * off by a quarter. Above it the template is measured exactly.
 */
export const ESTIMATE_SHARE_TO_MEASURE = 0.6;
/**
 * An estimate past the limit itself is trusted to be past 80%: it would have to be off by a fifth.
 * Measuring exactly there costs a second rendering of the whole template (a quarter second at 1 MB).
 */
export const ESTIMATE_SHARE_TRUSTED = 1;

/** Whether an estimated template size is near enough to 80% of 1 MB to be measured exactly. */
export function measureExactly(estimatedBytes: number): boolean {
  return estimatedBytes >= MAX_TEMPLATE_BYTES * ESTIMATE_SHARE_TO_MEASURE && estimatedBytes < MAX_TEMPLATE_BYTES * ESTIMATE_SHARE_TRUSTED;
}
/** Resources of each type resolved for the estimate. */
const SAMPLES_PER_TYPE = 5;

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
      // Estimated first, measured exactly only when the estimate comes near 80%: resolving every
      // resource costs about what synthesizing the template does (half our synth of a large stack).
      if (resources.length < MIN_RESOURCES_TO_MEASURE_BYTES) return [];
      const estimate = estimatedTemplateBytes(stack, resources);
      const bytes = measureExactly(estimate) ? templateBytes(stack, resources) : estimate;
      if (bytes >= MAX_TEMPLATE_BYTES * WARNING_SHARE) {
        Annotations.of(stack).addWarningV2('cdk-dynamodb-kit:stackNearTemplateSizeLimit',
          `the stack's template is about ${Math.round(bytes / 1024)} KB, over ${WARNING_SHARE * 100}% of CloudFormation's limit of 1 MB (1024 KB) per template; `
          + 'split its tables over several stacks (or nested stacks) before a deployment fails at the limit.');
      }
      return [];
    },
  });
}

/** The CloudFormation resources of this stack itself (not of nested or other stacks). */
function resourcesOf(stack: Stack): CfnResource[] {
  return stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
}

/** A resource's rendered size in bytes, compact JSON: what CloudFormation counts, near enough. */
function renderedBytes(stack: Stack, resource: CfnResource): number {
  return JSON.stringify(stack.resolve((resource as any)._toCloudFormation())).length;
}

function templateBytes(stack: Stack, resources: CfnResource[]): number {
  return resources.reduce((bytes, resource) => bytes + renderedBytes(stack, resource), 0);
}

/**
 * A resource's size before resolution: its properties as JSON, where a token stands as a short
 * placeholder. Cheap, and it sees what makes one resource much larger than its kind (inline code, a
 * long policy, a big literal); what tokens resolve to is corrected per type by `estimatedTemplateBytes`.
 */
function unresolvedBytes(resource: CfnResource): number {
  // cfnProperties: the L1's protected view of its current properties (what _toCloudFormation renders).
  return (JSON.stringify((resource as any).cfnProperties) ?? '').length + resource.cfnResourceType.length + 40;
}

/**
 * The template's size, estimated: every resource's unresolved size, plus what resolving adds to a
 * resource of its type, on average over up to five of them. Added, not multiplied: a large literal
 * (inline code, a long policy) keeps its size instead of taking the ratio of its small siblings.
 */
function estimatedTemplateBytes(stack: Stack, resources: CfnResource[]): number {
  const byType = new Map<string, CfnResource[]>();
  for (const resource of resources) byType.set(resource.cfnResourceType, [...byType.get(resource.cfnResourceType) ?? [], resource]);
  let bytes = 0;
  for (const group of byType.values()) {
    const step = Math.max(1, Math.floor(group.length / SAMPLES_PER_TYPE));
    const sample = group.filter((_, i) => i % step === 0).slice(0, SAMPLES_PER_TYPE);
    const addedByResolving = sample.reduce((sum, r) => sum + renderedBytes(stack, r) - unresolvedBytes(r), 0) / sample.length;
    bytes += group.reduce((sum, r) => sum + unresolvedBytes(r) + addedByResolving, 0);
  }
  return bytes;
}
