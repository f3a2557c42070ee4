import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { NagPack, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';

/** The one CfnResource of a CloudFormation type under `scope`. */
export function cfnOf(scope: IConstruct, type: string): CfnResource {
  const found = scope.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === type);
  if (found.length !== 1) throw new Error(`expected one ${type} under ${scope.node.path}, found ${found.length}`);
  return found[0];
}

/** Runs one rule on the one resource of a type in the stack, after the stack is complete. */
export function check(rule: (node: CfnResource) => NagRuleResult, stack: Stack, type: string): NagRuleResult {
  return rule(cfnOf(stack, type));
}

/** One acknowledgement found in the construct tree: where, which rule, why. */
export interface FoundAcknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Every `Validations.of(...).acknowledge(...)` made anywhere under `root`. */
export function acknowledgementsIn(root: IConstruct): FoundAcknowledgement[] {
  return root.node.findAll().flatMap(construct => construct.node.metadata
    .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data)
    .flatMap(entry => Object.entries<string>(entry.data).map(([id, reason]) => ({
      path: construct.node.path,
      id: id.replace(/^annotation::/i, ''),
      reason,
    }))));
}

/**
 * Synthesizes the app with the packs as policy-validation plugins, the way a user runs them, and
 * returns every unacknowledged finding as `<rule id> <construct path>`, sorted. Synthesis fails on
 * them (cdk-nag 3 fails a pack's report on warnings as well as errors); a synthesis failure of any
 * other kind is rethrown.
 */
export function unacknowledgedFindings(app: App, packs: NagPack[]): string[] {
  Validations.of(app).addPlugins(...packs);
  let synthError: unknown;
  try {
    app.synth();
  } catch (e) {
    synthError = e;
  }
  // The same check the plugins just ran, on the same finished tree, itemized.
  const errors = packs.flatMap(pack => pack.validateScope(app).violations
    .flatMap(violation => violation.violatingResources.map(resource => `${violation.ruleName} ${resource.constructPath}`)));
  if (synthError !== undefined && errors.length === 0) throw synthError;
  if (synthError === undefined && errors.length > 0) throw new Error(`synthesis passed but the packs report findings: ${errors.join(', ')}`);
  return [...new Set(errors)].sort();
}
