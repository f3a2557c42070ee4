import { Attribute, GlobalSecondaryIndexPropsV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { SingleTableDesign } from './single-table-design';

/** The table settings a design decides: what `ProductionTable`'s `design` prop fills in. */
export interface DesignTableKeys {
  readonly partitionKey: Attribute;
  readonly sortKey: Attribute;
  readonly globalSecondaryIndexes: GlobalSecondaryIndexPropsV2[];
}

/**
 * The keys and indexes of a design, for `ProductionTable` (`{ design }`): indexes the user adds
 * beside the design's are kept after the design's own.
 */
export function tableKeysFromDesign(design: SingleTableDesign, extraIndexes: GlobalSecondaryIndexPropsV2[] = []): DesignTableKeys {
  return {
    partitionKey: design.partitionKey,
    sortKey: design.sortKey,
    globalSecondaryIndexes: [...design.globalSecondaryIndexes, ...extraIndexes],
  };
}
