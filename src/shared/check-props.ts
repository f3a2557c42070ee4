import { checkArgumentType, checkPropTypes } from './prop-types';
import { PROP_TYPES } from './prop-types.generated';

/**
 * Checks that the props of one of our structs (`fqn`, as jsii names it) have their declared types:
 * our error, with the construct path, rather than a TypeError for a JavaScript caller. A method's
 * argument is named by `argument` (`addGlobalSecondaryIndex`), its properties under it.
 */
export function checkProps(path: string, fqn: string, props: unknown, argument?: string): void {
  checkPropTypes(PROP_TYPES, path, fqn, props, argument);
}

/** Checks a method's argument against its declared type ("string", "array<string>", a jsii fqn). */
export function checkArgument(path: string, argument: string, type: string, value: unknown, optional = false): void {
  checkArgumentType(PROP_TYPES, path, argument, type, value, optional);
}
