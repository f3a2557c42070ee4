/**
 * What the worker's environment (shared-validator-environment.ts) and each suite's setup
 * (shared-validator.ts) agree on. A module of its own so that a suite loads neither jest's
 * environment nor the engine's builder to learn it.
 */

/** The global through which a suite reaches the worker's validator engine. */
export const SHARED_VALIDATOR_GLOBAL = '__cdkDynamoDbKitSharedValidator';

/** What a suite calls: JSON strings both ways, so that no object crosses from one realm to another. */
export interface SharedValidator {
  /** The report of aws-cdk-lib's CloudFormation validator on one template, as JSON. */
  validateTemplate(content: string, name: string, configJson: string): string;
}

/** Every resource type: the engine's builtin rules are chosen by type, and one engine serves every suite. */
export class EveryType extends Set<string> {
  public has(): boolean {
    return true;
  }
}
