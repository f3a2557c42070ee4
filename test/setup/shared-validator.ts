import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import { EveryType, SHARED_VALIDATOR_GLOBAL, SharedValidator } from './shared-validator-contract';

/**
 * Hands this suite's copy of aws-cdk-lib's CloudFormation validator plugin the worker's engine
 * (shared-validator-environment.ts): the same engine, rules and configuration, built once per
 * worker instead of once or more per suite. The plugin still runs at every synthesis and reports
 * as before; only the engine behind it is shared. Without the environment (a suite run with
 * another one), the plugin keeps building its own.
 */
const shared = (globalThis as any)[SHARED_VALIDATOR_GLOBAL] as SharedValidator | undefined;
if (shared) {
  const plugin = (CloudFormationValidatePlugin as any)._singletonInstance();
  plugin.engine = {
    validateTemplate: (template: { content: string; name: string }, config: unknown) =>
      JSON.parse(shared.validateTemplate(String(template.content), template.name, JSON.stringify(config))),
    // The engine outlives this suite: disposing the plugin must not free it.
    free: () => undefined,
  };
  plugin.engineResourceTypes = new EveryType();
}
