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
