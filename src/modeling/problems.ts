/**
 * The errors and warnings a design can have, each naming the pattern or entity and the fix.
 * One function per problem so that the messages live in one place and each has its test.
 */

export type Severity = 'error' | 'warning';

export interface DesignProblem {
  readonly severity: Severity;
  /** A stable id, e.g. `UNSERVABLE_PATTERN`. */
  readonly code: string;
  /** `pattern "orderById"`, `entity "Order"` or `design`. */
  readonly subject: string;
  /** `<subject>: <problem>; <fix>` */
  readonly message: string;
}

/** The most global secondary indexes a DynamoDB table can have (a service quota, adjustable). */
export const MAX_GLOBAL_SECONDARY_INDEXES = 20;

const make = (severity: Severity, code: string, subject: string, text: string): DesignProblem =>
  ({ severity, code, subject, message: `${subject}: ${text}` });
export const pattern = (name: string) => `pattern "${name}"`;
export const entity = (name: string) => `entity "${name}"`;

export const problems = {
  badTemplate: (entityName: string, which: string, text: string, problem: string) =>
    make('error', 'BAD_TEMPLATE', entity(entityName), `key.${which} "${text}" ${problem}; write literals and {attribute} placeholders with a literal between placeholders, e.g. "ORDER#{orderDate}#{orderId}"`),
  templateAttributeMissing: (entityName: string, which: string, text: string, attribute: string) =>
    make('error', 'UNKNOWN_ATTRIBUTE', entity(entityName), `key.${which} "${text}" names attribute "${attribute}", which the entity does not have; add "${attribute}" to its attributes or fix the template`),
  keyAttributeType: (entityName: string, which: string, attribute: string, type: string) =>
    make('error', 'UNKNOWN_ATTRIBUTE', entity(entityName), `key.${which} uses "${attribute}" of type ${type}; key templates take S, N or B attributes`),
  patternAttributeMissing: (patternName: string, entityName: string, attribute: string, field: string) =>
    make('error', 'UNKNOWN_ATTRIBUTE', pattern(patternName), `${field} names attribute "${attribute}", which entity "${entityName}" does not have; add it to the entity's attributes or fix the pattern`),
  noKey: (entityName: string) =>
    make('error', 'NO_KEY', entity(entityName), 'has no "key" and no access pattern to choose one from; give it a "key" or a pattern with "equals"'),
  keyCollision: (a: string, b: string, partition: string, sort: string) =>
    make('error', 'KEY_COLLISION', entity(a), `and entity "${b}" can produce the same key (PK "${partition}", SK "${sort}"), so one would overwrite the other; start their sort (or partition) templates with different literals, e.g. "${a.toUpperCase()}#" and "${b.toUpperCase()}#"`),
  constantKey: (a: string, partition: string, sort: string) =>
    make('error', 'KEY_COLLISION', entity(a), `has the key PK "${partition}", SK "${sort}" with no attribute in it, so every ${a} gets the same key and each write replaces the last; put the attribute that identifies an item in the sort template, e.g. "${sort}#{${a[0].toLowerCase()}${a.slice(1)}Id}"`),
  unservable: (patternName: string, reason: string) =>
    make('error', 'UNSERVABLE_PATTERN', pattern(patternName), `no key or index can serve it without a Scan or a filter (${reason}); change the pattern (e.g. add an "equals" attribute or "onlyItemsWith"), or set "allowScan": true to accept a Scan`),
  consistentReadOnIndex: (patternName: string, index: string, entityName: string) =>
    make('error', 'CONSISTENT_READ_ON_INDEX', pattern(patternName), `asks for consistentRead but is served by ${index}, and global secondary indexes are eventually consistent; drop "consistentRead", or give entity "${entityName}" a "key" that serves the pattern from the table`),
  tooManyIndexes: (count: number, byEntity: string) =>
    make('error', 'TOO_MANY_INDEXES', 'design', `needs ${count} global secondary indexes, more than the ${MAX_GLOBAL_SECONDARY_INDEXES} DynamoDB allows per table (${byEntity}); serve some patterns from the table's key, or merge patterns that share "equals" attributes`),
  hotPartition: (subjectName: string, where: string, template: string, why: string) =>
    make('warning', 'HOT_PARTITION', subjectName, `${where} partition key "${template}" ${why}, so its items crowd into few partitions (a partition serves at most 3,000 reads and 1,000 writes per second); add a high-cardinality attribute, or a shard suffix written and queried in parallel`),
  numberRange: (patternName: string, attribute: string) =>
    make('warning', 'NUMBER_RANGE', pattern(patternName), `ranges over "${attribute}", a number, inside a string key, where it compares as text ("10" < "9"); store it zero-padded as S (e.g. "0000000010"), or keep every value the same number of digits`),
  localIndex: (patternName: string, index: string) =>
    make('warning', 'LOCAL_INDEX', pattern(patternName), `asks for a local secondary index; the design serves it with ${index} instead, because an LSI caps every item collection (all items with one partition key) at 10 GB and can only be added when the table is created; remove "preferLocalIndex" to silence this`),
};

const LOW_CARDINALITY = /(status|state|type|kind|category|flag|date|day|month|year|time|since)$|[a-z]At$|^is[A-Z]/i;

/** Why a partition template has few distinct values, or undefined when it need not. */
export function lowCardinality(attributes: string[], types: { [attribute: string]: string }): string | undefined {
  if (attributes.length === 0) return 'is a constant';
  if (attributes.every(a => LOW_CARDINALITY.test(a) || types[a] === 'BOOL')) {
    return `has only ${attributes.map(a => `"${a}"`).join(', ')}, a status, type or date with few distinct values`;
  }
  return undefined;
}
