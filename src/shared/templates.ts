import * as fs from 'fs';
import * as path from 'path';

/** One synthesized CloudFormation template and the stack it belongs to. */
export interface StackTemplate {
  readonly stackName: string;
  readonly template: { Resources?: { [logicalId: string]: CfnResourceJson } };
}

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: any;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: { [key: string]: any };
}

/** Why a template could not be read: the message is for a person, with no stack trace. */
export class TemplateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateInputError';
  }
}

/**
 * Reads the templates of a cloud assembly folder (`cdk.out`, through its manifest) or of a single
 * template file.
 */
export function loadTemplates(location: string): StackTemplate[] {
  if (!fs.existsSync(location)) throw new TemplateInputError(`${location}: no such file or folder`);
  if (fs.statSync(location).isDirectory()) return loadCloudAssembly(location);
  return [{ stackName: path.basename(location).replace(/\.template\.json$|\.json$/, ''), template: readTemplateFile(location) }];
}

function loadCloudAssembly(dir: string): StackTemplate[] {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) {
    throw new TemplateInputError(`${dir}: not a cloud assembly (no manifest.json); pass a cdk.out folder or a template file`);
  }
  const manifest = readJson(manifestPath);
  const stacks: StackTemplate[] = [];
  for (const [artifactId, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      const templatePath = path.join(dir, artifact.properties.templateFile);
      stacks.push({ stackName: artifact.displayName ?? artifactId, template: readTemplateFile(templatePath) });
    } else if (artifact.type === 'cdk:cloud-assembly') {
      stacks.push(...loadCloudAssembly(path.join(dir, artifact.properties.directoryName)));
    }
  }
  return stacks;
}

function readTemplateFile(file: string): StackTemplate['template'] {
  const template = readJson(file);
  if (typeof template !== 'object' || template === null || typeof template.Resources !== 'object') {
    throw new TemplateInputError(`${file}: not a CloudFormation template (no Resources section)`);
  }
  return template;
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TemplateInputError(`${file}: not readable JSON (${(e as Error).message})`);
  }
}
