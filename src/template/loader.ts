import * as fs from 'fs';
import * as path from 'path';
import { TemplateInputError } from './errors';
import { readJsonFile } from './json-file';
import { resolveInside } from './safe-path';
import { CfnResourceJson, CfnTemplate, asTemplate } from './template-json';

/** The account and region of a stack, from its artifact's `environment` (`aws://ACCOUNT/REGION`). */
export interface StackEnvironment {
  /** Undefined for an environment-agnostic stack (`unknown-account`). */
  readonly account?: string;
  /** Undefined for an environment-agnostic stack (`unknown-region`). */
  readonly region?: string;
}

/** One stack of a template set: a stack of the cloud assembly, a nested stack, or the one template file. */
export interface LoadedStack {
  /** Its key in `TemplateSet.stacks`: the artifact id with the nested assembly's ids before it (`Stage/MyStack`), `<parent id>/<logical id>` for a nested stack. */
  readonly id: string;
  /** The manifest's artifact id; undefined for a nested stack and a template file. */
  readonly artifactId?: string;
  /**
   * What CloudFormation calls the stack: `properties.stackName` of the artifact, else the artifact
   * id. For a nested stack, `<parent stack name>/<logical id of the AWS::CloudFormation::Stack>`.
   * Match stacks by this (and `environment`), not by `id`: renaming the artifact with a pinned
   * stackName deploys to the same stack.
   */
  readonly stackName: string;
  readonly environment: StackEnvironment;
  /** The file the template was read from. */
  readonly templateFile: string;
  readonly template: CfnTemplate;
  /** For a nested stack: its parent's `id` and the logical ID of its `AWS::CloudFormation::Stack` resource. */
  readonly parent?: { readonly id: string; readonly logicalId: string };
  /**
   * Logical IDs of `AWS::CloudFormation::Stack` resources whose template is not in the folder (a
   * TemplateURL to a template made elsewhere): their resources are not seen, say so.
   */
  readonly unreadNestedStacks: string[];
}

/** The templates of one side of a comparison (guard) or of a report. */
export interface TemplateSet {
  /** Where they came from (for messages). */
  readonly source: string;
  /** True for a single template file, false for a cloud assembly folder. */
  readonly singleFile: boolean;
  /** Every template by `LoadedStack.id`, nested stacks included. */
  readonly stacks: { [id: string]: CfnTemplate };
  /** What is known of each stack, by the same ids. Absent for sets made by hand; `stacksOf` fills it in. */
  readonly details?: { [id: string]: LoadedStack };
}

const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack';
const NESTED_TEMPLATE = /\.nested\.template\.json$/;
const MAX_NESTING = 32;

/** Every stack of a set with what is known of it (for a set made by hand: the id as stack name, no environment). */
export function stacksOf(set: TemplateSet): LoadedStack[] {
  return Object.entries(set.stacks).map(([id, template]) => set.details?.[id]
    ?? { id, stackName: id, environment: {}, templateFile: set.source, template, unreadNestedStacks: [] });
}

/**
 * Reads a template file (JSON) or a cloud assembly folder (`cdk.out`: every stack, nested stage
 * assemblies too), and every nested stack's `*.nested.template.json`. Refuses any file outside the
 * folder; every problem is a one-line `TemplateInputError`.
 */
export function loadTemplates(location: string): TemplateSet {
  if (!location) throw new TemplateInputError('no path given; pass a template file or a cdk.out folder.');
  if (!fs.existsSync(location)) throw new TemplateInputError(`${location}: no such file or folder; pass a template file or a cdk.out folder.`);
  const loaded: LoadedStack[] = [];
  if (fs.statSync(location).isDirectory()) {
    const root = fs.realpathSync(location);
    new AssemblyReader(root, loaded).readAssembly(root, '', new Set(), 0);
  } else {
    const id = path.basename(location).replace(/\.template\.json$|\.json$/, '');
    const file = fs.realpathSync(location);
    const template = readTemplate(location);
    const artifact = artifactOf(file);
    const stack: LoadedStack = {
      id,
      artifactId: artifact?.artifactId,
      stackName: artifact?.stackName ?? id,
      environment: artifact?.environment ?? {},
      templateFile: location,
      template,
      unreadNestedStacks: [],
    };
    loaded.push(stack);
    new AssemblyReader(path.dirname(file), loaded).readNested(stack, path.dirname(file), new Map(), new Set([file]), 0);
  }
  const stacks: { [id: string]: CfnTemplate } = {};
  const details: { [id: string]: LoadedStack } = {};
  for (const stack of loaded) {
    stacks[stack.id] = stack.template;
    details[stack.id] = stack;
  }
  return { source: location, singleFile: !fs.statSync(location).isDirectory(), stacks, details };
}

/**
 * For a template file inside a cloud assembly: the artifact that names it in the folder's
 * manifest.json, for its stack name and environment (so that a replica in the stack's literal
 * region reads as the stack's own region). A manifest that cannot be read is ignored: the user
 * passed the template, not the folder.
 */
function artifactOf(file: string): { artifactId: string; stackName: string; environment: StackEnvironment } | undefined {
  const manifestFile = path.join(path.dirname(file), 'manifest.json');
  if (!fs.existsSync(manifestFile)) return undefined;
  try {
    const artifacts = (readJsonFile(manifestFile, 'manifest') as any)?.artifacts;
    for (const [id, artifact] of Object.entries<any>(typeof artifacts === 'object' && artifacts !== null ? artifacts : {})) {
      if (artifact?.type !== 'aws:cloudformation:stack' || artifact.properties?.templateFile !== path.basename(file)) continue;
      const stackName = typeof artifact.properties.stackName === 'string' && artifact.properties.stackName !== '' ? artifact.properties.stackName : id;
      return { artifactId: id, stackName, environment: parseEnvironment(artifact.environment) };
    }
  } catch (e) {
    if (!(e instanceof TemplateInputError)) throw e;
  }
  return undefined;
}

function readTemplate(file: string): CfnTemplate {
  return asTemplate(readJsonFile(file, 'template file'), file);
}

function parseEnvironment(environment: unknown): StackEnvironment {
  const match = typeof environment === 'string' ? /^aws:\/\/([^/]*)\/(.*)$/.exec(environment) : null;
  if (!match) return {};
  return {
    account: match[1] && match[1] !== 'unknown-account' ? match[1] : undefined,
    region: match[2] && match[2] !== 'unknown-region' ? match[2] : undefined,
  };
}

class AssemblyReader {
  constructor(private readonly root: string, private readonly into: LoadedStack[]) {}

  public readAssembly(dir: string, prefix: string, visited: Set<string>, depth: number): void {
    const manifestFile = path.join(dir, 'manifest.json');
    if (!fs.existsSync(manifestFile)) {
      throw new TemplateInputError(`${dir}: not a cloud assembly (no manifest.json); pass the folder \`cdk synth\` writes (cdk.out) or a template file.`);
    }
    resolveInside(this.root, dir, 'manifest.json', manifestFile, 'the manifest');
    const manifest = readJsonFile(manifestFile, 'manifest') as any;
    const artifacts = manifest?.artifacts;
    if (artifacts === undefined) return;
    if (typeof artifacts !== 'object' || artifacts === null || Array.isArray(artifacts)) throw new TemplateInputError(`${manifestFile}: "artifacts" is not an object; synthesize again.`);
    for (const [id, artifact] of Object.entries<any>(artifacts)) {
      if (typeof artifact !== 'object' || artifact === null) throw new TemplateInputError(`${manifestFile}: artifact "${id}" is not an object; synthesize again.`);
      if (artifact.type === 'aws:cloudformation:stack') {
        if (artifact.properties?.templateFile === undefined) continue;
        const file = resolveInside(this.root, dir, artifact.properties.templateFile, manifestFile, `the templateFile of artifact "${id}"`);
        const stackName = typeof artifact.properties.stackName === 'string' && artifact.properties.stackName !== '' ? artifact.properties.stackName : id;
        const stack: LoadedStack = {
          id: prefix + id,
          artifactId: id,
          stackName,
          environment: parseEnvironment(artifact.environment),
          templateFile: file,
          template: readTemplate(file),
          unreadNestedStacks: [],
        };
        this.into.push(stack);
        this.readNested(stack, dir, this.nestedTemplateAssets(dir, manifestFile, artifacts), new Set([fs.realpathSync(file)]), 0);
      } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName !== undefined) {
        const nested = resolveInside(this.root, dir, artifact.properties.directoryName, manifestFile, `the directoryName of nested assembly "${id}"`);
        if (!fs.existsSync(nested) || !fs.statSync(nested).isDirectory()) throw new TemplateInputError(`${manifestFile}: nested assembly "${id}" names ${nested}, which is not a folder; synthesize again.`);
        const real = fs.realpathSync(nested);
        if (visited.has(real) || real === dir) throw new TemplateInputError(`${manifestFile}: nested assembly "${id}" refers back to an assembly already being read (a cycle); synthesize again.`);
        if (depth >= MAX_NESTING) throw new TemplateInputError(`${manifestFile}: nested assemblies deeper than ${MAX_NESTING} levels; synthesize again.`);
        this.readAssembly(real, `${prefix}${id}/`, new Set([...visited, dir]), depth + 1);
      }
    }
  }

  /**
   * The `*.nested.template.json` file assets of the assembly's asset manifests, by hash: how a
   * nested stack is found when the app was synthesized without asset metadata (its TemplateURL
   * names the hash).
   */
  private nestedTemplateAssets(dir: string, manifestFile: string, artifacts: { [id: string]: any }): Map<string, string> {
    const assets = new Map<string, string>();
    for (const [id, artifact] of Object.entries<any>(artifacts)) {
      if (artifact?.type !== 'cdk:asset-manifest' || artifact.properties?.file === undefined) continue;
      const file = resolveInside(this.root, dir, artifact.properties.file, manifestFile, `the file of asset manifest "${id}"`);
      if (!fs.existsSync(file)) continue;
      const files = (readJsonFile(file, 'asset manifest') as any)?.files;
      for (const [hash, asset] of Object.entries<any>(typeof files === 'object' && files !== null ? files : {})) {
        const source = asset?.source?.path;
        if (typeof source === 'string' && NESTED_TEMPLATE.test(source)) assets.set(hash, source);
      }
    }
    return assets;
  }

  /** The template a nested stack resource names: its `aws:asset:path`, else the asset whose hash its TemplateURL contains. */
  private nestedTemplatePath(resource: CfnResourceJson, assets: Map<string, string>): string | undefined {
    const asset = resource.Metadata?.['aws:asset:path'];
    if (typeof asset === 'string' && NESTED_TEMPLATE.test(asset)) return asset;
    const url = JSON.stringify(resource.Properties?.TemplateURL ?? '');
    for (const [hash, source] of assets) if (url.includes(hash)) return source;
    return undefined;
  }

  /** The nested stacks of a template: `AWS::CloudFormation::Stack` resources whose template is a `*.nested.template.json` of the assembly. */
  public readNested(parent: LoadedStack, dir: string, assets: Map<string, string>, chain: Set<string>, depth: number): void {
    for (const [logicalId, resource] of Object.entries(parent.template.Resources)) {
      if (resource.Type !== NESTED_STACK_TYPE) continue;
      const asset = this.nestedTemplatePath(resource, assets);
      if (asset === undefined) {
        parent.unreadNestedStacks.push(logicalId);
        continue;
      }
      const file = resolveInside(this.root, dir, asset, parent.templateFile, `the aws:asset:path of nested stack ${logicalId}`);
      if (!fs.existsSync(file)) {
        throw new TemplateInputError(`${parent.templateFile}: nested stack ${logicalId}'s template ${asset} is not in ${dir}; pass the whole cdk.out folder.`);
      }
      const real = fs.realpathSync(file);
      if (chain.has(real)) throw new TemplateInputError(`${parent.templateFile}: nested stack ${logicalId} refers back to a template already being read (a cycle).`);
      if (depth >= MAX_NESTING) throw new TemplateInputError(`${parent.templateFile}: nested stacks deeper than ${MAX_NESTING} levels.`);
      const stack: LoadedStack = {
        id: `${parent.id}/${logicalId}`,
        stackName: `${parent.stackName}/${logicalId}`,
        environment: parent.environment,
        templateFile: file,
        template: readTemplate(file),
        parent: { id: parent.id, logicalId },
        unreadNestedStacks: [],
      };
      this.into.push(stack);
      this.readNested(stack, dir, assets, new Set([...chain, real]), depth + 1);
    }
  }
}
