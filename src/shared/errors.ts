import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * A prop or setting that cannot synthesize a safe, valid template.
 *
 * The message names the construct path, the property, the value and the fix, so that a user can
 * act on it without reading our source. Not exported from the jsii surface: callers catch it as an
 * `Error`; tests use `property` to check which input was blamed.
 */
export class KitValidationError extends Error {
  constructor(public readonly constructPath: string, public readonly property: string, message: string) {
    super(`${constructPath}: ${message}`);
    this.name = 'KitValidationError';
  }
}

/**
 * The path a construct will have, usable before the construct exists (for checks that must run
 * before a `super()` call).
 */
export function pathOf(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/**
 * Throws a `KitValidationError` reading `<path>: <property> <problem>; <fix>`.
 */
export function invalid(constructPath: string, property: string, problem: string, fix: string): never {
  throw new KitValidationError(constructPath, property, `${property} ${problem}; ${fix}`);
}

/** Quotes a user value for an error message. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/**
 * Whether a number or a `Duration` is a CDK token (a `CfnParameter`'s `valueAsNumber`, `Lazy.number`,
 * `Duration.seconds(token)`): not a bad value, only one we cannot judge. Range checks skip it; the
 * deploy checks it.
 */
export function isToken(value: number | { isUnresolved(): boolean } | undefined): boolean {
  if (value === undefined) return false;
  return typeof value === 'number' ? Token.isUnresolved(value) : value.isUnresolved();
}

/**
 * A duration in milliseconds without aws-cdk-lib's whole-unit conversion (which throws, without a
 * path, on `Duration.seconds(90.5).toSeconds()`); undefined for a token.
 */
export function millisOf(duration: Duration): number | undefined {
  return duration.isUnresolved() ? undefined : duration.toMilliseconds({ integral: false });
}

/** The region field of an ARN (`arn:partition:service:region:account:resource`); undefined when not an ARN or a token. */
export function regionOfArn(arn: string): string | undefined {
  if (Token.isUnresolved(arn)) return undefined;
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' ? parts[3] : undefined;
}
