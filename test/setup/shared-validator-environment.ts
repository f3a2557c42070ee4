import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import { TestEnvironment } from 'jest-environment-node';

/**
 * The global through which a suite reaches the worker's validator engine (see shared-validator.ts).
 */
export const SHARED_VALIDATOR_GLOBAL = '__cdkDynamoDbKitSharedValidator';

/** What a suite calls: JSON strings both ways, so that no object crosses from one realm to another. */
export interface SharedValidator {
  /** The report of aws-cdk-lib's CloudFormation validator on one template, as JSON. */
  validateTemplate(content: string, name: string, configJson: string): string;
}

/** Every resource type: the engine's builtin rules are chosen by type, and this engine serves every suite. */
class EveryType extends Set<string> {
  public has(): boolean {
    return true;
  }
}

let engine: any;
let templateContent: new (content: string, name: string) => unknown;

/**
 * aws-cdk-lib validates every synthesized template with a WASM engine that takes about 1.2 s of CPU
 * to build. Jest gives each suite its own module registry, so each suite built it again (and
 * again whenever a template brought new resource types): a fifth of the suite's CPU. This module
 * is loaded once per worker, outside the suites' registries; its one engine, built by aws-cdk-lib's
 * own plugin with every type's rules, validates the templates of every suite that worker runs.
 */
const sharedValidator: SharedValidator = {
  validateTemplate(content, name, configJson) {
    if (!engine) {
      engine = (new CloudFormationValidatePlugin() as any).initializeEngine(new EveryType());
      // The engine's own input class, from the same copy of the package as the engine.
      const enginePackage = require.resolve('@aws/cloudformation-validate', { paths: [require.resolve('aws-cdk-lib')] });
      // A path known only here (aws-cdk-lib's own copy of the package): import() would be async.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      templateContent = require(enginePackage).TemplateContent;
    }
    return JSON.stringify(engine.validateTemplate(new templateContent(content, name), JSON.parse(configJson)));
  },
};

export default class SharedValidatorEnvironment extends TestEnvironment {
  constructor(...args: ConstructorParameters<typeof TestEnvironment>) {
    super(...args);
    this.global[SHARED_VALIDATOR_GLOBAL] = sharedValidator;
  }
}
