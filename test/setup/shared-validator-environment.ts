import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import { TestEnvironment } from 'jest-environment-node';
import { EveryType, SHARED_VALIDATOR_GLOBAL, SharedValidator } from './shared-validator-contract';

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
