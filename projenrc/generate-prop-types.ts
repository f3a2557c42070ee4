// Writes src/shared/prop-types.generated.ts from the jsii assemblies: the declared type of every
// property of our props structs (and of the structs they reach), so that constructors can tell a
// JavaScript caller "period is 60, not a Duration" instead of failing with a TypeError. Run after
// jsii compiles (post-compile), since it reads .jsii; the output is committed and checked current.
// aws-cdk-lib's assembly is that of the devDependency, which projen pins to the lowest version the
// peer range accepts: interfaces only gain members, so a value that has what the oldest supported
// aws-cdk-lib declares is never refused (test/shared/prop-types.test.ts holds the two together).
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

type TypeReference = { primitive?: string; fqn?: string; collection?: { kind: 'array' | 'map'; elementtype: TypeReference }; union?: unknown };
interface JsiiType {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly datatype?: boolean;
  readonly interfaces?: string[];
  readonly base?: string;
  readonly properties?: Array<{ name: string; type: TypeReference; optional?: boolean; static?: boolean }>;
  readonly methods?: Array<{ name: string; static?: boolean; protected?: boolean }>;
}

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'src', 'shared', 'prop-types.generated.ts');

function loadAssembly(file: string): { types: { [fqn: string]: JsiiType } } {
  const assembly = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (assembly.schema === 'jsii/file-redirect') {
    const target = path.join(path.dirname(file), assembly.filename);
    return JSON.parse((assembly.compression === 'gzip' ? zlib.gunzipSync(fs.readFileSync(target)) : fs.readFileSync(target)).toString('utf8'));
  }
  return assembly;
}

const types: { [fqn: string]: JsiiType } = {};
for (const file of [path.join(ROOT, '.jsii'), require.resolve('aws-cdk-lib/.jsii'), require.resolve('constructs/.jsii')]) {
  Object.assign(types, loadAssembly(file).types);
}

/** A type reference as the checker reads it: "string", "array<number>", "map<string>", or a fqn. */
function encode(ref: TypeReference): string {
  if (ref.primitive) return ref.primitive;
  if (ref.fqn) return ref.fqn;
  if (ref.collection) return `${ref.collection.kind}<${encode(ref.collection.elementtype)}>`;
  return 'any';
}

function fqnsIn(ref: TypeReference): string[] {
  if (ref.fqn) return [ref.fqn];
  if (ref.collection) return fqnsIn(ref.collection.elementtype);
  return [];
}

/** Every property of a struct, its bases' included, as jsii flattens them. */
function structProperties(fqn: string): NonNullable<JsiiType['properties']> {
  const type = types[fqn];
  return [...(type.interfaces ?? []).filter(base => types[base]).flatMap(structProperties), ...(type.properties ?? [])];
}

/** Instance methods a class or interface declares (its bases' included), for a duck-typed check. */
function methodsOf(fqn: string): string[] {
  const type = types[fqn];
  if (!type) return [];
  const own = (type.methods ?? []).filter(m => !m.static && !m.protected).map(m => m.name);
  const bases = [...(type.interfaces ?? []), ...(type.base ? [type.base] : [])];
  return [...new Set([...bases.flatMap(methodsOf), ...own])].sort();
}

/** Required instance properties an interface declares (its bases' included): `grantPrincipal`, `tableArn`. */
function requiredPropertiesOf(fqn: string): string[] {
  const type = types[fqn];
  if (!type || type.kind !== 'interface') return [];
  const own = (type.properties ?? []).filter(p => !p.static && !p.optional).map(p => p.name);
  return [...new Set([...(type.interfaces ?? []).flatMap(requiredPropertiesOf), ...own])].sort();
}

const structs: { [fqn: string]: { [property: string]: { type: string; optional?: true } } } = {};
const others: { [fqn: string]: { kind: string; methods?: string[]; properties?: string[]; factories?: string[] } } = {};
const ours = Object.keys(types).filter(fqn => fqn.startsWith('cdk-dynamodb-kit.'));
// Our structs, and every type a method or constructor of ours takes (a grantee, a table).
const pending = [
  ...ours.filter(fqn => types[fqn].kind === 'interface' && types[fqn].datatype),
  ...ours.flatMap(fqn => [...((types[fqn] as any).methods ?? []), ...((types[fqn] as any).initializer ? [(types[fqn] as any).initializer] : [])])
    .flatMap((callable: { parameters?: Array<{ type: TypeReference }> }) => (callable.parameters ?? []).flatMap(parameter => fqnsIn(parameter.type))),
];
while (pending.length > 0) {
  const fqn = pending.pop()!;
  if (structs[fqn] || others[fqn]) continue;
  const type = types[fqn];
  if (!type) continue;
  if (type.kind === 'interface' && type.datatype) {
    structs[fqn] = {};
    for (const property of structProperties(fqn)) {
      structs[fqn][property.name] = { type: encode(property.type), ...(property.optional ? { optional: true as const } : {}) };
      pending.push(...fqnsIn(property.type));
    }
  } else if (type.kind === 'enum') {
    others[fqn] = { kind: 'enum' };
  } else {
    const properties = requiredPropertiesOf(fqn);
    // A class made by static methods (Billing.onDemand(), StreamFilter.eventNames(...)): named in errors.
    const factories = type.kind === 'class' ? (type.methods ?? []).filter(m => m.static && !m.protected && (m as any).returns?.type?.fqn === fqn).map(m => m.name).sort() : [];
    others[fqn] = {
      kind: type.kind,
      methods: methodsOf(fqn),
      ...(properties.length > 0 ? { properties } : {}),
      ...(factories.length > 0 ? { factories } : {}),
    };
  }
}

const sorted = <T>(record: { [key: string]: T }) => Object.fromEntries(Object.keys(record).sort().map(key => [key, record[key]]));
const body = `/* eslint-disable */
// Generated by projenrc/generate-prop-types.ts from the jsii assemblies (ours, aws-cdk-lib's and
// constructs'): do not edit. \`npx projen compile\` writes it again.
import type { PropTypes } from './prop-types';

export const PROP_TYPES: PropTypes = ${JSON.stringify({ structs: sorted(structs), types: sorted(others) }, undefined, 2)};
`;
if (!fs.existsSync(OUT) || fs.readFileSync(OUT, 'utf8') !== body) fs.writeFileSync(OUT, body);
