/**
 * The design as a NoSQL Workbench data model (the JSON Workbench exports and imports: ModelName,
 * DataModel[].KeyAttributes, NonKeyAttributes, TableFacets, GlobalSecondaryIndexes, TableData).
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemOf } from './keys';
import { DerivedDesign } from '../modeling/derive';
import { sampleItems } from '../modeling/samples';

const TYPE_OF_KEY = 'S';

/** Binary values as base64, as Workbench writes them. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export function workbenchModel(derived: DerivedDesign, design: object): object {
  const indexKeys = derived.indexes.flatMap(i => [i.partitionKey, i.sortKey]);
  const attributeTypes = new Map<string, string>();
  for (const name of indexKeys) attributeTypes.set(name, TYPE_OF_KEY);
  for (const entity of Object.values(derived.document.entities)) {
    for (const [name, type] of Object.entries(entity.attributes)) if (!attributeTypes.has(name)) attributeTypes.set(name, type);
  }
  const key = (partition: string, sort: string) => ({
    PartitionKey: { AttributeName: partition, AttributeType: TYPE_OF_KEY },
    SortKey: { AttributeName: sort, AttributeType: TYPE_OF_KEY },
  });
  return {
    ModelName: derived.document.name,
    ModelMetadata: {
      Author: 'cdk-dynamodb-kit design docs',
      DateCreated: 'Jan 1, 2026, 12:00 AM',
      DateLastModified: 'Jan 1, 2026, 12:00 AM',
      Description: `The ${derived.document.name} single-table design: keys and indexes derived from its access patterns, with generated sample items.`,
      AWSService: 'Amazon DynamoDB',
      Version: '3.0',
    },
    DataModel: [{
      TableName: derived.document.name,
      KeyAttributes: key(derived.table.partitionKey, derived.table.sortKey),
      NonKeyAttributes: [...attributeTypes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
      TableFacets: Object.entries(derived.document.entities).map(([entity, doc]) => ({
        FacetName: entity,
        KeyAttributeAlias: { PartitionKeyAlias: derived.table.partitionKey, SortKeyAlias: derived.table.sortKey },
        TableData: [],
        NonKeyAttributes: [...derived.indexes.filter(i => i.slots[entity]).flatMap(i => [i.partitionKey, i.sortKey]), ...Object.keys(doc.attributes)],
        DataAccess: { MySql: {} },
      })),
      GlobalSecondaryIndexes: derived.indexes.map(index => ({
        IndexName: index.name,
        KeyAttributes: key(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: index.projection, ...(index.projection === 'INCLUDE' ? { NonKeyAttributes: index.nonKeyAttributes } : {}) },
      })),
      TableData: sampleItems(derived).map(sample =>
        plain(marshall(itemOf(design, sample.entity, sample.attributes), { removeUndefinedValues: true }))),
      DataAccess: { MySql: {} },
      BillingMode: 'PAY_PER_REQUEST',
    }],
  };
}
