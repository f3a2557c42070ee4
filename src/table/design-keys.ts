import { Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTableProps } from './production-table-props';
import { tableKeysFromDesign } from '../modeling/table-keys';
import { invalid } from '../shared/errors';

/** A `ProductionTable`'s props with the keys known: given, or taken from the `design`. */
export interface KeyedProductionTableProps extends ProductionTableProps {
  readonly partitionKey: Attribute;
}

/**
 * Fills in the keys and indexes of `design` (its indexes first, then the props' own), so that
 * everything after reads one set of props whichever way the keys were given. Both a design and
 * explicit table keys is our error: two sources for the one key schema.
 */
export function withDesignKeys(path: string, props: ProductionTableProps): KeyedProductionTableProps {
  const { design } = props;
  if (design === undefined) {
    if (props.partitionKey === undefined) {
      invalid(path, 'partitionKey', 'is missing (and so is design)',
        'give partitionKey: { name: \'pk\', type: AttributeType.STRING }, or design: SingleTableDesign.fromFile(...) to take the keys from a design.');
    }
    return props as KeyedProductionTableProps;
  }
  for (const property of ['partitionKey', 'sortKey'] as const) {
    if (props[property] !== undefined) {
      invalid(path, property, `is set together with design (${design.name}), which decides the table's keys`,
        `remove ${property} and keep design, or remove design and give the keys yourself.`);
    }
  }
  return { ...props, ...tableKeysFromDesign(design, props.globalSecondaryIndexes ?? []) };
}
