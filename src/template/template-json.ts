import { TemplateInputError } from './errors';

/** A resource of a synthesized template, as JSON. */
export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: any;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Condition?: string;
  readonly Metadata?: { [key: string]: any };
}

/** A CloudFormation template, as JSON. */
export interface CfnTemplate {
  readonly Resources: { [logicalId: string]: CfnResourceJson };
  readonly [key: string]: unknown;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that a parsed value is a CloudFormation template whose every resource is an object with a
 * `Type`, so that readers never meet a `null` resource.
 */
export function asTemplate(value: unknown, source: string): CfnTemplate {
  if (!isObject(value) || !isObject(value.Resources)) {
    throw new TemplateInputError(`${source}: not a CloudFormation template (no "Resources" object); pass a synthesized template such as cdk.out/MyStack.template.json, or the cdk.out folder.`);
  }
  for (const [logicalId, resource] of Object.entries(value.Resources)) {
    if (!isObject(resource)) {
      throw new TemplateInputError(`${source}: resource ${JSON.stringify(logicalId)} is ${resource === null ? 'null' : `a ${Array.isArray(resource) ? 'list' : typeof resource}`}, not an object; synthesize the template again.`);
    }
    if (typeof resource.Type !== 'string') {
      throw new TemplateInputError(`${source}: resource ${JSON.stringify(logicalId)} has no "Type"; synthesize the template again.`);
    }
    if (resource.Properties !== undefined && !isObject(resource.Properties)) {
      throw new TemplateInputError(`${source}: the Properties of resource ${JSON.stringify(logicalId)} are not an object; synthesize the template again.`);
    }
  }
  return value as unknown as CfnTemplate;
}
