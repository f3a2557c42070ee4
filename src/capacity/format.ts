const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** A figure as a person reads it: 2,628,000; 0.5; 3.3. */
export function num(value: number): string {
  return NUMBER.format(Number(value.toPrecision(12)));
}

/** USD: cents from $1 up, four decimals below (a $0.0949 figure is not $0.09). */
export function usd(value: number): string {
  const rounded = Number(value.toPrecision(12));
  const digits = rounded >= 1 || rounded === 0 ? 2 : 4;
  return `$${rounded.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** USD rounded for a plan's fields: to a hundredth of a cent, without floating-point noise. */
export function roundUsd(value: number): number {
  return Math.round(value * 10000) / 10000;
}

/** A unit price as published: $0.125, $0.00065, $0.20. */
export function price(value: number): string {
  const [whole, fraction = ''] = String(Number(value.toPrecision(12))).split('.');
  return `$${whole}.${fraction.padEnd(2, '0')}`;
}
