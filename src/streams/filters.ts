import { RenderedCondition, RenderedFilter } from './private/types';
import { checkProps } from '../shared/check-props';
import { invalid, show } from '../shared/errors';

/**
 * The kind of change a stream record describes.
 */
export enum StreamEventName {
  /** A new item was added. */
  INSERT = 'INSERT',
  /** An existing item was changed. */
  MODIFY = 'MODIFY',
  /** An item was deleted, by a caller or by Time to Live. */
  REMOVE = 'REMOVE',
}

/**
 * The DynamoDB type of an attribute in a stream image, as it appears in the record's JSON
 * (`{ "status": { "S": "open" } }`). Lambda filters match the typed value, so a condition must
 * name the type.
 */
export enum ImageAttributeType {
  /** String (`S`). */
  STRING = 'S',
  /** Number (`N`). */
  NUMBER = 'N',
  /** Binary (`B`). */
  BINARY = 'B',
  /** Boolean (`BOOL`). */
  BOOLEAN = 'BOOL',
  /** Map (`M`). */
  MAP = 'M',
  /** List (`L`). */
  LIST = 'L',
  /** String set (`SS`). */
  STRING_SET = 'SS',
  /** Number set (`NS`). */
  NUMBER_SET = 'NS',
  /** Null (`NULL`). */
  NULL = 'NULL',
}

/**
 * A condition on one attribute of a stream image (the item after or before the change), used
 * with `StreamFilter.newImage()` and `StreamFilter.oldImage()`.
 */
export abstract class ImageCondition {
  /** The string attribute equals one of the values. */
  public static stringEquals(attribute: string, ...values: string[]): ImageCondition {
    return new TypedCondition(attribute, ImageAttributeType.STRING, [...values], () => values.length === 0 ? 'needs at least one value' : undefined);
  }

  /** The string attribute starts with the prefix. */
  public static stringBeginsWith(attribute: string, prefix: string): ImageCondition {
    return new TypedCondition(attribute, ImageAttributeType.STRING, [{ prefix }], () => prefix === '' ? 'needs a non-empty prefix' : undefined);
  }

  /** The boolean attribute has the value. */
  public static booleanEquals(attribute: string, value: boolean): ImageCondition {
    return new TypedCondition(attribute, ImageAttributeType.BOOLEAN, [value]);
  }

  /** The number attribute equals the value. */
  public static numberEquals(attribute: string, value: number): ImageCondition {
    return new TypedCondition(attribute, ImageAttributeType.NUMBER, [{ numeric: ['=', value] }], () => finite(value));
  }

  /**
   * The number attribute lies in a range. Give `min`, `max` or both.
   */
  public static numberRange(attribute: string, bounds: NumberRange): ImageCondition {
    checkProps('ImageCondition.numberRange', 'cdk-dynamodb-kit.NumberRange', bounds);
    const numeric: unknown[] = [];
    if (bounds.min !== undefined) numeric.push(bounds.minExclusive ? '>' : '>=', bounds.min);
    if (bounds.max !== undefined) numeric.push(bounds.maxExclusive ? '<' : '<=', bounds.max);
    return new TypedCondition(attribute, ImageAttributeType.NUMBER, [{ numeric }], () => {
      if (numeric.length === 0) return 'needs min, max or both';
      const notFinite = finite(bounds.min) ?? finite(bounds.max);
      if (notFinite) return notFinite;
      if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) return `has min ${bounds.min} above max ${bounds.max}`;
      return undefined;
    });
  }

  /** The attribute is present with the type. */
  public static exists(attribute: string, attributeType: ImageAttributeType): ImageCondition {
    return new TypedCondition(attribute, attributeType, [{ exists: true }]);
  }

  /** The attribute is absent (or has another type). */
  public static notExists(attribute: string, attributeType: ImageAttributeType): ImageCondition {
    return new TypedCondition(attribute, attributeType, [{ exists: false }]);
  }

  /**
   * Fails with our error, naming `property` of the consumer at `path`, when the condition's
   * arguments cannot make a valid filter. Called before `_render`.
   * @internal
   */
  public abstract _validate(path: string, property: string): void;

  /** What the condition compiles to (validated before). @internal */
  public abstract _render(): RenderedCondition;
}

/**
 * A numeric range for `ImageCondition.numberRange()`.
 */
export interface NumberRange {
  /**
   * The lower bound.
   *
   * @default - no lower bound
   */
  readonly min?: number;

  /**
   * Whether the lower bound itself is excluded.
   *
   * @default false - the bound is included
   */
  readonly minExclusive?: boolean;

  /**
   * The upper bound.
   *
   * @default - no upper bound
   */
  readonly max?: number;

  /**
   * Whether the upper bound itself is excluded.
   *
   * @default false - the bound is included
   */
  readonly maxExclusive?: boolean;
}

function finite(value: number | undefined): string | undefined {
  return value === undefined || Number.isFinite(value) ? undefined : `has the non-finite number ${show(value)}`;
}

class TypedCondition extends ImageCondition {
  /** `check` says what is wrong with the factory's arguments, if anything. */
  constructor(
    private readonly attribute: string,
    private readonly type: string,
    private readonly rule: unknown[],
    private readonly check: () => string | undefined = () => undefined,
  ) {
    super();
  }

  public _validate(path: string, property: string): void {
    if (typeof this.attribute !== 'string' || this.attribute.length === 0) {
      invalid(path, property, `has a condition on the attribute ${show(this.attribute)}`, 'name a non-empty attribute.');
    }
    const problem = this.check();
    if (problem) {
      invalid(path, property, `has a condition on ${show(this.attribute)} that ${problem}`, 'fix the condition\'s arguments.');
    }
  }

  public _render(): RenderedCondition {
    return { attribute: this.attribute, type: this.type, rule: this.rule };
  }
}

/** The principal DynamoDB uses for deletes made by Time to Live. */
const TTL_PRINCIPAL = 'dynamodb.amazonaws.com';

/**
 * Which stream records invoke the function, compiled to a Lambda event filter
 * (`FilterCriteria`). Records that match no filter are dropped without invoking the function
 * (and without cost).
 *
 * Filters given to a consumer are alternatives (a record passes if it matches any of them);
 * combine conditions that must all hold with `StreamFilter.allOf()`.
 */
export abstract class StreamFilter {
  /** Records of the given kinds only (for example `StreamEventName.INSERT`). */
  public static eventNames(...names: StreamEventName[]): StreamFilter {
    return new PatternFilter({ eventName: [...new Set(names)] }, () => {
      if (names.length === 0) return { problem: 'has StreamFilter.eventNames() with no event name', fix: 'name at least one of INSERT, MODIFY, REMOVE.' };
      const unknown = names.filter(name => !Object.values(StreamEventName).includes(name));
      if (unknown.length > 0) return { problem: `has the unknown event name ${show(unknown[0])}`, fix: 'use StreamEventName.INSERT, MODIFY or REMOVE.' };
      return undefined;
    });
  }

  /**
   * Deletes made by Time to Live only: `REMOVE` records whose `userIdentity` is the DynamoDB
   * service.
   */
  public static ttlExpiriesOnly(): StreamFilter {
    return new PatternFilter({ eventName: [StreamEventName.REMOVE], userIdentity: { type: ['Service'], principalId: [TTL_PRINCIPAL] } });
  }

  /**
   * Every record except deletes made by Time to Live (those records carry a `userIdentity`;
   * others have none).
   */
  public static excludingTtlExpiries(): StreamFilter {
    return new PatternFilter({ userIdentity: { principalId: [{ exists: false }] } });
  }

  /** Records whose new image (the item after the change) meets every condition. */
  public static newImage(...conditions: ImageCondition[]): StreamFilter {
    return new ImageFilter('NewImage', conditions);
  }

  /** Records whose old image (the item before the change) meets every condition. */
  public static oldImage(...conditions: ImageCondition[]): StreamFilter {
    return new ImageFilter('OldImage', conditions);
  }

  /** Records that match every one of the filters (one Lambda filter pattern). */
  public static allOf(...filters: StreamFilter[]): StreamFilter {
    return new AllOfFilter(filters);
  }

  /**
   * Fails with our error, naming `property` of the consumer at `path`, when the filter cannot
   * compile to a valid Lambda filter pattern. Called before `_render`.
   * @internal
   */
  public abstract _validate(path: string, property: string): void;

  /** The Lambda filter pattern (validated before). @internal */
  public abstract _render(): RenderedFilter;
}

type Problem = { problem: string; fix: string };

class PatternFilter extends StreamFilter {
  /** `check` says what is wrong with the factory's arguments, if anything. */
  constructor(private readonly pattern: { [key: string]: any }, private readonly check: () => Problem | undefined = () => undefined) {
    super();
  }

  public _validate(path: string, property: string): void {
    const found = this.check();
    if (found) invalid(path, property, found.problem, found.fix);
  }

  public _render(): RenderedFilter {
    return { pattern: this.pattern, needsNewImage: false, needsOldImage: false };
  }
}

class ImageFilter extends StreamFilter {
  constructor(private readonly image: 'NewImage' | 'OldImage', private readonly conditions: ImageCondition[]) {
    super();
  }

  public _validate(path: string, property: string): void {
    const factory = this.image === 'NewImage' ? 'newImage' : 'oldImage';
    if (this.conditions.length === 0) {
      invalid(path, property, `has StreamFilter.${factory}() with no condition`, 'give at least one ImageCondition.');
    }
    const attributes = new Set<string>();
    for (const condition of this.conditions) {
      condition._validate(path, property);
      const attribute = condition._render().attribute;
      if (attributes.has(attribute)) {
        invalid(path, property, `has two conditions on ${show(attribute)} in StreamFilter.${factory}()`,
          'use one condition per attribute (stringEquals takes several values), or separate filters for alternatives.');
      }
      attributes.add(attribute);
    }
  }

  public _render(): RenderedFilter {
    const image: { [attribute: string]: any } = {};
    for (const condition of this.conditions) {
      const rendered = condition._render();
      image[rendered.attribute] = { [rendered.type]: rendered.rule };
    }
    return {
      pattern: { dynamodb: { [this.image]: image } },
      needsNewImage: this.image === 'NewImage',
      needsOldImage: this.image === 'OldImage',
    };
  }
}

class AllOfFilter extends StreamFilter {
  constructor(private readonly filters: StreamFilter[]) {
    super();
  }

  public _validate(path: string, property: string): void {
    if (this.filters.length === 0) invalid(path, property, 'has StreamFilter.allOf() with no filter', 'give at least one filter.');
    for (const filter of this.filters) filter._validate(path, property);
    const conflicts: string[] = [];
    this.merged(conflicts);
    if (conflicts.length > 0) {
      invalid(path, property, `has StreamFilter.allOf() with two conditions on ${show(conflicts[0])}`,
        'a record field can be tested once per filter: put alternatives in one condition or in separate filters.');
    }
  }

  public _render(): RenderedFilter {
    const rendered = this.filters.map(filter => filter._render());
    const pattern = this.merged([]);
    return {
      pattern,
      needsNewImage: rendered.some(one => one.needsNewImage),
      needsOldImage: rendered.some(one => one.needsOldImage),
    };
  }

  /** The filters' patterns merged into one; fields tested twice go to `conflicts`. */
  private merged(conflicts: string[]): { [key: string]: any } {
    let pattern: { [key: string]: any } = {};
    for (const filter of this.filters) pattern = merge(pattern, filter._render().pattern, '', conflicts);
    return pattern;
  }
}

function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep-merges two patterns (AND). Two rules on the same field cannot both be kept: the field's
 * path goes to `conflicts` (which validation reports) and the first rule stays.
 */
function merge(a: { [key: string]: any }, b: { [key: string]: any }, at: string, conflicts: string[]): { [key: string]: any } {
  const out: { [key: string]: any } = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const here = at ? `${at}.${key}` : key;
    if (!(key in out)) {
      out[key] = value;
    } else if (isObject(out[key]) && isObject(value)) {
      out[key] = merge(out[key], value, here, conflicts);
    } else {
      conflicts.push(here);
    }
  }
  return out;
}
