import { DerivedDesign, deriveDesign } from '../modeling/derive';
import { parseDesign } from '../modeling/document';
import { registeredDerived } from '../modeling/registry';
// Only the type: loading the class would load aws-cdk-lib into every Lambda bundle.
import type { SingleTableDesign } from '../modeling/single-table-design';

/** A `SingleTableDesign`, or a design document as a plain object (e.g. `require('./store.design.json')`). */
export type DesignSource = SingleTableDesign | object;

const FROM_DOCUMENTS = new WeakMap<object, DerivedDesign>();

/** The derived design; throws listing the errors when the document has any. */
export function resolveDesign(design: DesignSource): DerivedDesign {
  let derived = registeredDerived(design) ?? FROM_DOCUMENTS.get(design);
  if (!derived) {
    derived = deriveDesign(parseDesign(design));
    const errors = derived.problems.filter(p => p.severity === 'error');
    if (errors.length > 0) throw new Error(`design "${derived.document.name}" has ${errors.length} error(s):\n${errors.map(e => `  - ${e.message}`).join('\n')}`);
    FROM_DOCUMENTS.set(design, derived);
  }
  return derived;
}
