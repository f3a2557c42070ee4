import * as fs from 'fs';
import * as path from 'path';

/** A resource of a synthesized template, as JSON. */
export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: any;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: { [key: string]: any };
}

/** A CloudFormation template, as JSON. */
export interface CfnTemplate {
  readonly Resources: { [logicalId: string]: CfnResourceJson };
  readonly [key: string]: unknown;
}

/** Bad input to a command (guard, report): a missing file, a file that is not a template. The message says what to pass. */
export class TemplateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateInputError';
  }
}

/** The templates of one side of the comparison, by stack name. */
export interface TemplateSet {
  /** Where they came from (for messages). */
  readonly source: string;
  /** True for a single template file, false for a cloud assembly folder. */
  readonly singleFile: boolean;
  readonly stacks: { [stackName: string]: CfnTemplate };
}

/**
 * Reads a template file (JSON) or a cloud assembly folder (`cdk.out`: every stack, nested stage
 * assemblies too).
 */
export function loadTemplates(location: string): TemplateSet {
  if (!location) throw new TemplateInputError('no path given; pass a template file or a cdk.out folder.');
  if (!fs.existsSync(location)) throw new TemplateInputError(`${location}: no such file or folder; pass a template file or a cdk.out folder.`);
  if (fs.statSync(location).isDirectory()) {
    const stacks: { [name: string]: CfnTemplate } = {};
    readAssembly(location, '', stacks);
    return { source: location, singleFile: false, stacks };
  }
  const name = path.basename(location).replace(/\.template\.json$|\.json$/, '');
  return { source: location, singleFile: true, stacks: { [name]: readTemplate(location) } };
}

/** Checks that a parsed value is a CloudFormation template. */
export function asTemplate(value: unknown, source: string): CfnTemplate {
  const resources = (value as any)?.Resources;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof resources !== 'object' || resources === null || Array.isArray(resources)) {
    throw new TemplateInputError(`${source}: not a CloudFormation template (no "Resources" object); pass a synthesized template such as cdk.out/MyStack.template.json, or the cdk.out folder.`);
  }
  return value as CfnTemplate;
}

function readTemplate(file: string): CfnTemplate {
  const text = fs.readFileSync(file, 'utf-8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new TemplateInputError(`${file}: not JSON (${(e as Error).message}); pass the JSON template from cdk.out (YAML from \`cdk synth\` output is not read).`);
  }
  return asTemplate(parsed, file);
}

function readAssembly(dir: string, prefix: string, into: { [name: string]: CfnTemplate }): void {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new TemplateInputError(`${dir}: not a cloud assembly (no manifest.json); pass the folder \`cdk synth\` writes (cdk.out) or a template file.`);
  }
  let manifest: any;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf-8'));
  } catch (e) {
    throw new TemplateInputError(`${manifestFile}: not JSON (${(e as Error).message}); synthesize again.`);
  }
  for (const [id, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      const templateFile = artifact.properties?.templateFile;
      if (typeof templateFile !== 'string') continue;
      into[prefix + id] = readTemplate(path.join(dir, templateFile));
    } else if (artifact.type === 'cdk:cloud-assembly' && typeof artifact.properties?.directoryName === 'string') {
      readAssembly(path.join(dir, artifact.properties.directoryName), `${prefix}${id}/`, into);
    }
  }
}
