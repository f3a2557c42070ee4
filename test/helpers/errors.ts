import { KitValidationError } from '../../src/shared/errors';

/** Runs `build` and returns the `KitValidationError` it throws; fails on no error or another kind. */
export function kitErrorOf(build: () => unknown): KitValidationError {
  try {
    build();
  } catch (e) {
    if (e instanceof KitValidationError) return e;
    throw e;
  }
  throw new Error('expected a KitValidationError');
}

/** Expects our clear error: it starts with the construct path, blames `property` and matches `message`. */
export function expectKitError(build: () => unknown, expected: { path: string; property: string; message: RegExp }): void {
  const error = kitErrorOf(build);
  expect(error.property).toBe(expected.property);
  expect(error.message.startsWith(`${expected.path}: `)).toBe(true);
  expect(error.message).toMatch(expected.message);
}
