/**
 * The derived model behind each `SingleTableDesign`, kept apart from the class so that the
 * runtime builders (`cdk-dynamodb-kit/model`, bundled into Lambda functions) can read it without
 * loading aws-cdk-lib.
 */
import type { DerivedDesign } from './derive';

const DERIVED = new WeakMap<object, DerivedDesign>();

export function registerDerived(design: object, derived: DerivedDesign): void {
  DERIVED.set(design, derived);
}

/** The derived model of a `SingleTableDesign`, or undefined for any other object. */
export function registeredDerived(design: object): DerivedDesign | undefined {
  return DERIVED.get(design);
}
