import { CfnParameter, Duration, Lazy, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';

/*
 * The inputs issue #12 found the constructs mishandling, as plain data every fuzz suite can mix
 * into its specs: numeric tokens (a CfnParameter's valueAsNumber, Lazy.number), fractional and
 * token Durations, unicode and 300-character names, replica key ARNs of the wrong form or region.
 * A token is never a bad value: the property stays "a valid template or our error naming the property".
 */

export type TokenKind = 'param' | 'lazy';
export const tokenKindArb: fc.Arbitrary<TokenKind> = fc.constantFrom('param' as const, 'lazy' as const);

/** A number, or (sometimes) the same number as a token, built in the stack by `numberOf`. */
export interface NumberSpec { readonly value: number; readonly token?: TokenKind }

export function numberSpecArb(values: fc.Arbitrary<number>, tokenWeight = 1): fc.Arbitrary<NumberSpec> {
  return fc.oneof(
    { weight: 4, arbitrary: values.map(value => ({ value })) },
    { weight: tokenWeight, arbitrary: fc.tuple(values, tokenKindArb).map(([value, token]) => ({ value, token })) },
  );
}

/**
 * The token kind for a value: a Lazy resolves at synth, so the template carries its value and it
 * can stand for valid values only; a parameter stands for any (the deploy checks it).
 */
export function tokenFor(kind: TokenKind | undefined, valid: boolean): TokenKind | undefined {
  return kind === 'lazy' && !valid ? undefined : kind;
}

let parameters = 0;

/** The number of the spec, as a token in `stack` when the spec says so (a parameter defaults to the value). */
export function numberOf(stack: Stack, spec: NumberSpec | undefined): number | undefined {
  if (spec === undefined) return undefined;
  if (spec.token === 'param') {
    return new CfnParameter(stack, `FuzzNumber${parameters++}`, { type: 'Number', default: spec.value }).valueAsNumber;
  }
  if (spec.token === 'lazy') return Lazy.number({ produce: () => spec.value });
  return spec.value;
}

/** Whether a number is a whole one from min to max: the validity test for `numberIn`. */
export const wholeIn = (min: number, max: number) => (n: number) => Number.isInteger(n) && n >= min && n <= max;

/** A number spec's number: a parameter stands for any value, a Lazy for valid ones only (tokenFor). */
export function numberIn(stack: Stack, spec: NumberSpec | undefined, valid: (n: number) => boolean): number | undefined {
  return spec && numberOf(stack, { value: spec.value, token: tokenFor(spec.token, valid(spec.value)) });
}

export type DurationUnit = 'millis' | 'seconds' | 'minutes' | 'hours' | 'days';

/** A Duration as data: an amount (possibly fractional) in a unit, possibly a token. */
export interface DurationSpec { readonly unit: DurationUnit; readonly amount: number; readonly token?: TokenKind }

/**
 * Durations around a range of seconds: whole ones inside and outside it, fractional seconds
 * (`Duration.seconds(90.5)`), other units, and tokens.
 */
export function durationSpecArb(minSeconds: number, maxSeconds: number): fc.Arbitrary<DurationSpec> {
  const whole = fc.integer({ min: Math.max(0, minSeconds - 10), max: maxSeconds + 10 }).map(amount => ({ unit: 'seconds' as const, amount }));
  const fractional = fc.integer({ min: Math.max(0, minSeconds), max: maxSeconds })
    .map(amount => ({ unit: 'seconds' as const, amount: amount + 0.5 }));
  const otherUnit = fc.tuple(fc.constantFrom<DurationUnit>('millis', 'minutes', 'hours', 'days'), fc.constantFrom(0.5, 1, 1.5, 7, 36, 90))
    .map(([unit, amount]) => ({ unit, amount }));
  const token = fc.tuple(fc.constantFrom<DurationUnit>('millis', 'seconds', 'minutes', 'days'), tokenKindArb)
    .map(([unit, kind]) => ({ unit, amount: 1, token: kind }));
  return fc.oneof(
    { weight: 4, arbitrary: whole },
    { weight: 1, arbitrary: fractional },
    { weight: 1, arbitrary: otherUnit },
    { weight: 1, arbitrary: token },
  );
}

export function durationOf(stack: Stack, spec: DurationSpec | undefined): Duration | undefined {
  if (spec === undefined) return undefined;
  const amount = numberOf(stack, { value: spec.amount, token: spec.token })!;
  switch (spec.unit) {
    case 'millis': return Duration.millis(amount);
    case 'seconds': return Duration.seconds(amount);
    case 'minutes': return Duration.minutes(amount);
    case 'hours': return Duration.hours(amount);
    default: return Duration.days(amount);
  }
}

/** Names no service accepts, or only some do: unicode, 300 characters, empty, spaces. */
export const wildNameArb: fc.Arbitrary<string> = fc.constantFrom(
  'x'.repeat(300), 'ü'.repeat(300), 'sauvegarde-été', '名前', 'emoji-🙂', '', ' ', 'with space', 'a'.repeat(51),
);

/** How a replica region's key is given: right, from another region, an alias, empty, or a token. */
export type KeyArnForm = 'arn' | 'otherRegion' | 'alias' | 'empty' | 'token';
export const keyArnFormArb: fc.Arbitrary<KeyArnForm> = fc.constantFrom('otherRegion' as const, 'alias' as const, 'empty' as const, 'token' as const);

export function keyArnOf(stack: Stack, region: string, form: KeyArnForm = 'arn'): string {
  const arn = (r: string) => `arn:aws:kms:${r}:123456789012:key/00000000-0000-0000-0000-${r.length.toString().padStart(12, '0')}`;
  switch (form) {
    case 'otherRegion': return arn(region === 'eu-west-1' ? 'ap-southeast-2' : 'eu-west-1');
    case 'alias': return 'alias/my-key';
    case 'empty': return '';
    case 'token': return new CfnParameter(stack, `FuzzKey${parameters++}`, { default: arn(region) }).valueAsString;
    default: return arn(region);
  }
}

/** The arbitrary's value one time in `oneIn`, otherwise undefined (an override mixed in rarely). */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>, oneIn = 5): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

/**
 * A construct id: usually `usual`, sometimes one a user may well write (unicode, 300 characters,
 * spaces): it reaches descriptions, names and logical IDs. Not empty, which only the root may be.
 */
export function constructIdArb(usual: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: wildNameArb.filter(name => name.trim() !== '') });
}
