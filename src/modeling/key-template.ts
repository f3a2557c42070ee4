/**
 * Key templates: `CUSTOMER#{customerId}` is the literal `CUSTOMER#` then the value of
 * `customerId`. Everything that reads or writes a generic key (derivation, the runtime builders,
 * the docs, the verifier) goes through these functions, so they cannot disagree.
 */

/** One part of a key template: a literal, or the value of an attribute. */
export type TemplateSegment = { readonly literal: string } | { readonly attribute: string };

export interface KeyTemplate {
  /** The template as written, e.g. `ORDER#{orderDate}#{orderId}`. */
  readonly text: string;
  readonly segments: TemplateSegment[];
  /** The attributes the template names, in order. */
  readonly attributes: string[];
}

/** The largest code point: appended to a bound so that every longer key with that prefix sorts below it. */
export const MAX_CHAR = '\u{10FFFF}';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Parses a template; returns the problem in words when it is malformed. */
export function parseTemplate(text: string): KeyTemplate | string {
  if (text.length === 0) return 'is empty';
  const segments: TemplateSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1].trim();
    if (!/^[A-Za-z_][\w.-]*$/.test(name)) return `has a placeholder "{${match[1]}}" that is not an attribute name`;
    if (match.index! > last) segments.push({ literal: text.slice(last, match.index) });
    else if (segments.length > 0) return `has two placeholders with no literal between them ("...}{${name}}"), so a key cannot be read back`;
    segments.push({ attribute: name });
    last = match.index! + match[0].length;
  }
  if (last < text.length) segments.push({ literal: text.slice(last) });
  const rest = segments.filter(s => 'literal' in s).map(s => (s as { literal: string }).literal).join('');
  if (/[{}]/.test(rest)) return 'has an unmatched "{" or "}"';
  return { text, segments, attributes: segments.filter(isAttribute).map(s => s.attribute) };
}

export function isAttribute(segment: TemplateSegment): segment is { readonly attribute: string } {
  return 'attribute' in segment;
}

/** A template made of literals and attribute names (for keys the design derives). */
export function templateOf(text: string): KeyTemplate {
  const parsed = parseTemplate(text);
  if (typeof parsed === 'string') throw new Error(`internal: template "${text}" ${parsed}`);
  return parsed;
}

/** The literal before the first placeholder ('' when the template starts with one). */
export function leadingLiteral(template: KeyTemplate): string {
  const first = template.segments[0];
  return first && !isAttribute(first) ? first.literal : '';
}

function trailingLiteral(template: KeyTemplate): string {
  const last = template.segments[template.segments.length - 1];
  return last && !isAttribute(last) ? last.literal : '';
}

/**
 * Whether two templates may render the same string. Conservative: they are disjoint only when
 * their leading or trailing literals differ where both are fixed (neither is a prefix or suffix
 * of the other), or both are constants that differ.
 */
export function mayCollide(a: KeyTemplate, b: KeyTemplate): boolean {
  if (a.attributes.length === 0 && b.attributes.length === 0) return a.text === b.text;
  const [la, lb] = [leadingLiteral(a), leadingLiteral(b)];
  if (!la.startsWith(lb) && !lb.startsWith(la)) return false;
  const [ta, tb] = [trailingLiteral(a), trailingLiteral(b)];
  if (!ta.endsWith(tb) && !tb.endsWith(ta)) return false;
  if (a.attributes.length === 0) return matches(b, a.text);
  if (b.attributes.length === 0) return matches(a, b.text);
  return true;
}

/** A regular expression matching every string the template renders. */
export function templatePattern(template: KeyTemplate): RegExp {
  const body = template.segments.map(s => isAttribute(s) ? '(.+?)' : s.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('');
  return new RegExp(`^${body}$`, 's');
}

export function matches(template: KeyTemplate, key: string): boolean {
  return templatePattern(template).test(key);
}

/** A key attribute value as it appears inside a generic string key. */
export function keyPart(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return String(value);
}

/**
 * Renders the template with `values`; returns the names of the attributes that are missing
 * (undefined, null or '') instead when any is.
 */
export function render(template: KeyTemplate, values: { [attribute: string]: unknown }): string | { missing: string[] } {
  const missing = template.attributes.filter(a => values[a] === undefined || values[a] === null || values[a] === '');
  if (missing.length > 0) return { missing };
  return template.segments.map(s => isAttribute(s) ? keyPart(values[s.attribute]) : s.literal).join('');
}

/**
 * The text of the template up to (not including) placeholder number `count`, with the first
 * `count` placeholders filled from `values`: the prefix shared by every key whose first `count`
 * attributes have these values.
 */
export function prefixThrough(template: KeyTemplate, count: number, values: { [attribute: string]: unknown }): string {
  let seen = 0;
  let out = '';
  for (const segment of template.segments) {
    if (isAttribute(segment)) {
      if (seen === count) break;
      out += keyPart(values[segment.attribute]);
      seen++;
    } else {
      out += segment.literal;
    }
  }
  return out;
}

/** The literal right after placeholder number `index` ('' when the template ends there). */
export function literalAfter(template: KeyTemplate, index: number): string {
  let seen = -1;
  for (const segment of template.segments) {
    if (isAttribute(segment)) seen++;
    else if (seen === index) return segment.literal;
  }
  return '';
}
