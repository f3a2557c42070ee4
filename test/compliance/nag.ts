import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, CfnResource, IPolicyValidationPlugin, PolicyValidationPluginReport, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, NagRuleResult, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { DynamoDbProductionChecks } from '../../src';
import { TEST_CONTEXT } from '../helpers/app';

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
 * A cdk-nag pack, or ours: a policy-validation plugin that also checks a construct tree directly.
 * Ours is not a `NagPack` (it passes the work on to one), so that the package root does not load cdk-nag.
 */
export interface ValidatingPack extends IPolicyValidationPlugin {
  validateScope(scope: IConstruct): PolicyValidationPluginReport;
}

/**
 * Synthesizes the app with the packs as policy-validation plugins, the way a user runs them, and
 * returns every unacknowledged finding as `<rule id> <construct path>`, sorted. Synthesis fails on
 * them (cdk-nag 3 fails a pack's report on warnings as well as errors); a synthesis failure of any
 * other kind is rethrown.
 */
export function unacknowledgedFindings(app: App, packs: ValidatingPack[]): string[] {
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

/** The seven packs: five cdk-nag packs, ours, and AWS Control Tower's proactive controls (cfn-guard). */
export function sevenPacks(): IPolicyValidationPlugin[] {
  return [
    new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R5Checks(), new PCIDSS321Checks(), new ServerlessChecks(),
    new DynamoDbProductionChecks(), new CfnGuardValidator(),
  ];
}

/**
 * An app whose synthesis the seven packs judge: builds it with `build` in a temp outdir, synthesizes
 * it once with the packs as policy-validation plugins (the way a user runs them), and returns every
 * unacknowledged finding as `<plugin> <rule> <construct path>`, sorted, read from the validation
 * report. A synthesis failure of any other kind is rethrown; the outdir is removed.
 */
export function sevenPackFindings<T>(build: (app: App) => T): { findings: string[]; built: T; app: App } {
  const outdir = mkdtempSync(join(tmpdir(), 'seven-packs-'));
  try {
    const app = new App({ outdir, context: { ...TEST_CONTEXT, '@aws-cdk/core:validationReportJson': true } });
    const built = build(app);
    Validations.of(app).addPlugins(...sevenPacks());
    let synthError: unknown;
    try {
      app.synth();
    } catch (e) {
      synthError = e;
    }
    const reportFile = join(outdir, 'policy-validation-report.json');
    if (!existsSync(reportFile)) throw synthError ?? new Error('no validation report was written');
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    const found: string[] = (report.pluginReports ?? []).flatMap((plugin: any) => (plugin.violations ?? [])
      .flatMap((violation: any) => (violation.violatingResources ?? [])
        .map((resource: any) => `${plugin.summary.pluginName} ${violation.ruleName} ${resource.constructPath}`)));
    if (synthError === undefined && found.length > 0) throw new Error(`synthesis passed but the report lists ${found.join(', ')}`);
    if (synthError !== undefined && found.length === 0) throw synthError;
    return { findings: [...new Set(found)].sort(), built, app };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
