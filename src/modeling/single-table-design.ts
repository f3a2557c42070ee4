import { Attribute, AttributeType, GlobalSecondaryIndexPropsV2, ProjectionType } from 'aws-cdk-lib/aws-dynamodb';
import { deriveDesign } from './derive';
import { parseDesign, readDesignFile } from './document';
import { registerDerived } from './registry';
import { summarize } from './summary';

/** One access pattern of a design and how the table serves it. */
export interface AccessPatternSummary {
  /** The pattern's name in the design document. */
  readonly name: string;
  /** The entities it returns. */
  readonly entities: string[];
  /** `table`, the name of the global secondary index that serves it, or `scan` (only with `allowScan`). */
  readonly index: string;
  /** The key condition, with `{attribute}` placeholders, e.g. `PK = "CUSTOMER#{customerId}" AND SK = "PROFILE"`. */
  readonly keyCondition: string;
}

/**
 * A single-table design: entities and access patterns from a design document (JSON or YAML),
 * with the table's generic keys (`PK`/`SK`) and the fewest global secondary indexes that serve
 * every pattern, derived and checked.
 *
 * A design with errors (a pattern no key or index can serve, `consistentRead` on an index, a
 * template naming a missing attribute, two entities whose keys can collide, too many indexes)
 * throws, listing each error and its fix. Application code builds keys and requests from the same
 * document with `cdk-dynamodb-kit/model`.
 *
 * @example
 * import { ProductionTable, SingleTableDesign } from 'cdk-dynamodb-kit';
 *
 * const design = SingleTableDesign.fromFile('store.design.json');
 * new ProductionTable(this, 'Store', {
 *   partitionKey: design.partitionKey,
 *   sortKey: design.sortKey,
 *   globalSecondaryIndexes: design.globalSecondaryIndexes,
 * });
 */
export class SingleTableDesign {
  /** Reads a design document from a `.json`, `.yaml` or `.yml` file. */
  public static fromFile(file: string): SingleTableDesign {
    return new SingleTableDesign(readDesignFile(file));
  }

  /** A design from a parsed document (an object with `name`, `entities` and `accessPatterns`). */
  public static fromJson(document: any): SingleTableDesign {
    return new SingleTableDesign(parseDesign(document));
  }

  /** The design's name (the document's `name`). */
  public readonly name: string;
  /** The table's partition key: `PK`, a string. */
  public readonly partitionKey: Attribute;
  /** The table's sort key: `SK`, a string. */
  public readonly sortKey: Attribute;
  /** The derived global secondary indexes (`GSI1` …), with their projections. */
  public readonly globalSecondaryIndexes: GlobalSecondaryIndexPropsV2[];
  /** Every access pattern and the key condition that serves it. */
  public readonly accessPatterns: AccessPatternSummary[];
  /** Warnings (hot partitions, local indexes), each naming the pattern or entity and the fix. */
  public readonly warnings: string[];
  /** The design document, as read. */
  public readonly document: any;

  private constructor(document: any) {
    const derived = deriveDesign(document);
    const summary = summarize(derived);
    if (!summary.valid) {
      const error = new Error(`design "${summary.name}" has ${summary.errors.length} error(s):\n${summary.errors.map(e => `  - ${e}`).join('\n')}`);
      error.name = 'DesignError';
      throw error;
    }
    registerDerived(this, derived);
    this.name = summary.name;
    this.document = document;
    this.partitionKey = { name: summary.partitionKey, type: AttributeType.STRING };
    this.sortKey = { name: summary.sortKey, type: AttributeType.STRING };
    this.globalSecondaryIndexes = derived.indexes.map(index => ({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType[index.projection],
      ...(index.projection === 'INCLUDE' ? { nonKeyAttributes: index.nonKeyAttributes } : {}),
    }));
    this.accessPatterns = summary.accessPatterns.map(p => ({ name: p.name, entities: p.entities, index: p.index, keyCondition: p.keyCondition }));
    this.warnings = summary.warnings;
  }
}
