import { CfnResourceJson, CfnTemplate } from '../template/template-json';

/** One template of a deployed stack: the stack's own, or a nested stack's. */
export interface StackTemplate {
  /**
   * Where the template sits, for findings: the stack's name, then the logical ID of each
   * `AWS::CloudFormation::Stack` resource on the way to a nested stack
   * (`OrdersStack/DataNestedStackDataNestedStackResource1A2B3C4D`).
   */
  readonly path: string;
  readonly template: CfnTemplate;
  /** The nested stacks, by the logical ID of their `AWS::CloudFormation::Stack` resource in this template. */
  readonly nested: { readonly [logicalId: string]: StackTemplate };
}

/** A stack of one side of the comparison, with its nested stacks. */
export interface GuardStack {
  /** What findings call it: the artifact id in a cloud assembly, the file name for a template file. */
  readonly displayName: string;
  /** The CloudFormation stack name: what identifies the deployed stack (`stackName`, or the artifact id). */
  readonly stackName: string;
  /** The account, when the stack has an environment. */
  readonly account?: string;
  /** The region, when the stack has an environment. */
  readonly region?: string;
  readonly root: StackTemplate;
}

/** A resource and the template it is in. */
export interface PlacedResource {
  readonly template: StackTemplate;
  readonly logicalId: string;
  readonly resource: CfnResourceJson;
}

export const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack';

/** Every resource of a stack and its nested stacks. */
export function allResources(root: StackTemplate): PlacedResource[] {
  const out: PlacedResource[] = [];
  const visit = (template: StackTemplate) => {
    for (const [logicalId, resource] of Object.entries(template.template.Resources)) out.push({ template, logicalId, resource });
    for (const nested of Object.values(template.nested)) visit(nested);
  };
  visit(root);
  return out;
}

/** A template with no resources: the other side of a stack that is created or deleted. */
export function emptyTemplate(path: string): StackTemplate {
  return { path, template: { Resources: {} }, nested: {} };
}
