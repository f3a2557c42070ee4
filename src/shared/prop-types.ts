import { Token } from 'aws-cdk-lib';
import { invalid, show } from './errors';

const OUR_ASSEMBLY = 'cdk-dynamodb-kit';

/** The declared types of the props structs and of the types they refer to (generated from jsii). */
export interface PropTypes {
  readonly structs: { readonly [fqn: string]: { readonly [property: string]: { readonly type: string; readonly optional?: boolean } } };
  readonly types: { readonly [fqn: string]: DeclaredType };
}

/** A class, an interface or an enum: for the first two, what a value of it must have. */
export interface DeclaredType {
  readonly kind: string;
  readonly methods?: readonly string[];
  /** An interface's required properties. */
  readonly properties?: readonly string[];
  /** A class's static methods that make one, for the fix an error suggests. */
  readonly factories?: readonly string[];
}

/**
 * The module that exports a jsii type at run time, for the values of an enum: aws-cdk-lib's
 * submodules by their import path, ours through the package root (loaded when first needed, so
 * that this module does not import the index that imports it).
 */
function runtimeModule(fqn: string): any {
  const parts = fqn.split('.');
  const assembly = parts[0];
  try {
    /* eslint-disable @typescript-eslint/no-require-imports */
    if (assembly === OUR_ASSEMBLY) return require('../index');
    if (assembly === 'aws-cdk-lib') return parts.length > 2 ? require(`aws-cdk-lib/${parts[1].replace(/_/g, '-')}`) : require('aws-cdk-lib');
    /* eslint-enable @typescript-eslint/no-require-imports */
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * What a jsii type is at run time (an enum's object, our class), looked up once per type. Not
 * found is not remembered: our index may still be loading when a module-level value is checked.
 */
const exported = new Map<string, unknown>();
function runtimeExport(fqn: string): any {
  if (!exported.has(fqn)) {
    const found = runtimeModule(fqn)?.[fqn.split('.').pop()!];
    if (found === undefined) return undefined;
    exported.set(fqn, found);
  }
  return exported.get(fqn);
}

/** An enum's members by name, as the module exports it (a numeric enum's reverse entries left out). */
const enumMembersByType = new Map<string, { [member: string]: unknown } | undefined>();
function enumMembers(fqn: string): { [member: string]: unknown } | undefined {
  if (!enumMembersByType.has(fqn)) {
    const found = runtimeExport(fqn);
    if (!found || typeof found !== 'object') return undefined;
    enumMembersByType.set(fqn, Object.fromEntries(Object.entries(found).filter(([member]) => !/^\d+$/.test(member))));
  }
  return enumMembersByType.get(fqn);
}

/** What a type reference is called in an error ("a Duration", "a list of strings"). */
function describe(type: string): string {
  const collection = /^(array|map)<(.*)>$/.exec(type);
  if (collection) return `${collection[1] === 'array' ? 'a list' : 'a map'} of ${describe(collection[2]).replace(/^an? /, '')}${/s$/.test(collection[2]) ? '' : 's'}`;
  if (['string', 'number', 'boolean', 'date'].includes(type)) return `a ${type}`;
  const name = type.split('.').pop()!;
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** How to make a value of the type, for the fix: ", such as Duration.minutes(5)", ", made with StreamFilter.eventNames(...)". */
function example(table: PropTypes, type: string): string {
  if (type === 'aws-cdk-lib.Duration') return ', such as Duration.minutes(5)';
  const name = type.split('.').pop();
  const factories = table.types[type]?.factories ?? [];
  return factories.length > 0 ? `, made with ${factories.map(factory => `${name}.${factory}(...)`).join(', ')}` : '';
}

/**
 * Throws our error when the value does not have the declared type. Absent values are the
 * caller's to judge; a token (a `Lazy`, a parameter, an `IResolvable`) is not a bad value: the
 * deploy judges it.
 */
function check(table: PropTypes, path: string, property: string, type: string, value: unknown): void {
  if (value === undefined || value === null || type === 'any' || type === 'json' || Token.isUnresolved(value)) return;
  const wrong = (): never => invalid(path, property, `is ${shown(value)}, not ${describe(type)}`, `pass ${describe(type)}${example(table, type)}.`);
  const collection = /^(array|map)<(.*)>$/.exec(type);
  if (collection) {
    if (collection[1] === 'array') {
      if (!Array.isArray(value)) wrong();
      (value as unknown[]).forEach((element, index) => checkRequired(table, path, `${property}[${index}]`, collection[2], element));
    } else {
      if (typeof value !== 'object' || Array.isArray(value)) wrong();
      for (const [key, element] of Object.entries(value as object)) check(table, path, `${property}.${key}`, collection[2], element);
    }
    return;
  }
  if (type === 'string' || type === 'number' || type === 'boolean') {
    if (typeof value !== type) wrong();
    return;
  }
  if (type === 'date') {
    if (!(value instanceof Date)) wrong();
    return;
  }
  const struct = table.structs[type];
  if (struct) {
    if (typeof value !== 'object' || Array.isArray(value)) wrong();
    checkStruct(table, path, `${property}.`, type, value as object);
    return;
  }
  const declared = table.types[type];
  if (!declared) return;
  if (declared.kind === 'enum') {
    const members = enumMembers(type);
    if (members ? !Object.values(members).includes(value) : typeof value !== 'string' && typeof value !== 'number') {
      const name = type.split('.').pop();
      invalid(path, property, `is ${shown(value)}, not ${describe(type)}`,
        members ? `use one of ${Object.keys(members).map(member => `${name}.${member}`).join(', ')}.` : `pass ${describe(type)}.`);
    }
    return;
  }
  // A class or an interface: an object, of the class (see isInstanceOf), or with the interface's
  // methods and required properties (duck-typed: another copy of aws-cdk-lib fails instanceof).
  if ((typeof value !== 'object' && typeof value !== 'function') || Array.isArray(value)) wrong();
  if (declared.kind === 'class') {
    if (!isInstanceOf(type, declared, value as object)) wrong();
    return;
  }
  if ((declared.methods ?? []).some(method => typeof (value as any)[method] !== 'function')) wrong();
  // An interface's required properties, by presence only: reading a getter could throw.
  if ((declared.properties ?? []).some(name => !(name in (value as object)))) wrong();
}

const JSII_RTTI = Symbol.for('jsii.rtti');

/**
 * Whether the value is an instance of the class: by the fqn jsii writes on every class it compiles
 * (the same across copies of a library), by `instanceof` for our own classes (not compiled by jsii
 * under ts-jest), or, for a class that declares methods, by having them all.
 */
function isInstanceOf(fqn: string, declared: DeclaredType, value: object): boolean {
  for (let prototype = Object.getPrototypeOf(value); prototype; prototype = Object.getPrototypeOf(prototype)) {
    const rtti = Object.prototype.hasOwnProperty.call(prototype.constructor ?? {}, JSII_RTTI) ? prototype.constructor[JSII_RTTI] : undefined;
    if (rtti?.fqn === fqn) return true;
  }
  const ours = fqn.startsWith(`${OUR_ASSEMBLY}.`) ? runtimeExport(fqn) : undefined;
  if (typeof ours === 'function' && value instanceof ours) return true;
  return (declared.methods ?? []).length > 0 && declared.methods!.every(method => typeof (value as any)[method] === 'function');
}

/** An element of a list may not be missing. */
function checkRequired(table: PropTypes, path: string, property: string, type: string, value: unknown): void {
  if (value === undefined || value === null) invalid(path, property, `is ${show(value)}`, `pass ${describe(type)}, or leave the element out.`);
  check(table, path, property, type, value);
}

function checkStruct(table: PropTypes, path: string, prefix: string, fqn: string, value: object): void {
  for (const [name, declared] of Object.entries(table.structs[fqn] ?? {})) {
    const property = `${prefix}${name}`;
    const given = (value as any)[name];
    // A missing required value of the props themselves is the construct's to explain (it knows
    // what the value is for); aws-cdk-lib judges its own structs.
    const judged = prefix !== '' && fqn.startsWith(`${OUR_ASSEMBLY}.`);
    if (given === undefined && !declared.optional && judged) invalid(path, property, 'is missing', `pass ${describe(declared.type)}.`);
    // jsii hands an absent optional value over as undefined; only JavaScript passes null.
    if (given === null) invalid(path, property, 'is null', declared.optional ? `leave it out for the default, or pass ${describe(declared.type)}.` : `pass ${describe(declared.type)}.`);
    check(table, path, property, declared.type, given);
  }
}

/** A value for an error message: JSON where it has one, else its kind ("a function", "an object of class X"). */
function shown(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) {
    // jsii's run-time type info names aws-cdk-lib's classes as users know them (Role, not Role2).
    const rtti = (value as any).constructor?.[JSII_RTTI]?.fqn as string | undefined;
    return `an object of class ${rtti?.split('.').pop() ?? (value as any).constructor?.name ?? '(unknown)'}`;
  }
  return show(value);
}

/**
 * Checks that props have the types their struct declares, for callers the compiler did not check
 * (JavaScript, or TypeScript through `any`): "readThrottles.period is 60, not a Duration" instead
 * of a TypeError deep inside. Checks types only: values are validated by each construct.
 */
export function checkPropTypes(table: PropTypes, path: string, fqn: string, props: unknown, argument?: string): void {
  const name = argument ?? 'props';
  if (props === undefined || props === null) {
    if (argument !== undefined || Object.values(table.structs[fqn] ?? {}).some(p => !p.optional)) invalid(path, name, `${argument ? 'is' : 'are'} ${show(props)}`, `pass ${describe(fqn)}.`);
    return;
  }
  if (typeof props !== 'object' || Array.isArray(props)) invalid(path, name, `${argument ? 'is' : 'are'} ${shown(props)}, not an object`, `pass ${describe(fqn)}.`);
  checkStruct(table, path, argument ? `${argument}.` : '', fqn, props);
}

/**
 * Checks one argument of a method against its declared type (`type` as the generated table
 * writes it: "string", "array<string>", or a jsii fqn).
 */
export function checkArgumentType(table: PropTypes, path: string, argument: string, type: string, value: unknown, optional = false): void {
  if (value === undefined || value === null) {
    if (!optional) invalid(path, argument, `is ${show(value)}`, `pass ${describe(type)}.`);
    return;
  }
  check(table, path, argument, type, value);
}
