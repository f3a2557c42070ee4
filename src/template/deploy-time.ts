/**
 * A value the template does not fix: an intrinsic function (`Fn::If` on a condition, a `Ref` to a
 * parameter, `Fn::ImportValue`...) that CloudFormation resolves only at deploy time. The typed
 * view puts this marker where the value would be, so readers judge it explicitly ("cannot be
 * judged") instead of mistaking an object for an array or a boolean.
 */
export interface DeployTimeValue {
  /** Always true: tells the marker apart from a value (and says what it is in `--json` output). */
  readonly decidedAtDeployTime: true;
  /** The property, as a path in the resource's Properties, e.g. `GlobalSecondaryIndexes` or `Replicas[1].PointInTimeRecoverySpecification`. */
  readonly property: string;
  /** The intrinsic function, e.g. `Fn::If`, `Ref`, `Fn::ImportValue`. */
  readonly intrinsic: string;
  /** For `Fn::If`: the condition that decides. For `Ref`: what it refers to (a parameter, usually). */
  readonly condition?: string;
  /** One line for people: `GlobalSecondaryIndexes is decided at deploy time by condition IsProd`. */
  readonly description: string;
}

/** A value, or the marker that the template leaves it to deploy time. */
export type Decided<T> = T | DeployTimeValue;

/** Whether the value is the deploy-time marker. */
export function isDeployTime(value: unknown): value is DeployTimeValue {
  return typeof value === 'object' && value !== null && (value as any).decidedAtDeployTime === true;
}

/** The intrinsic function a JSON value is (`Ref`, `Fn::If`, `Fn::GetAtt`...), if it is one. */
export function intrinsicOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  return keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::') ? keys[0] : undefined;
}

/** `{"Ref": "AWS::NoValue"}`: the property is absent. */
export function isNoValue(value: unknown): boolean {
  return intrinsicOf(value) === 'Ref' && (value as any).Ref === 'AWS::NoValue';
}

/** The marker for an intrinsic at `property`. */
export function deployTime(property: string, value: unknown): DeployTimeValue {
  const intrinsic = intrinsicOf(value) ?? 'intrinsic';
  const argument = (value as any)?.[intrinsic];
  let condition: string | undefined;
  let by: string;
  if (intrinsic === 'Fn::If' && Array.isArray(argument) && typeof argument[0] === 'string') {
    condition = argument[0];
    by = `by condition ${condition}`;
  } else if (intrinsic === 'Ref' && typeof argument === 'string') {
    condition = argument;
    by = `by ${argument} (Ref)`;
  } else {
    by = `by ${intrinsic}`;
  }
  return { decidedAtDeployTime: true, property, intrinsic, condition, description: `${property} is decided at deploy time ${by}` };
}

/**
 * Reads a property that must be a literal: `undefined` when absent (or `AWS::NoValue`), the marker
 * when it is an intrinsic, otherwise the value through `read`.
 */
export function decide<T>(property: string, value: unknown, read: (value: any) => T): Decided<T> | undefined {
  if (value === undefined || value === null || isNoValue(value)) return undefined;
  if (intrinsicOf(value) !== undefined) return deployTime(property, value);
  return read(value);
}

/**
 * Like `decide`, for a list: the marker for the whole list, or each item read (items may be
 * markers). Items that are not objects (`null`, a number) cannot be settings and are skipped:
 * CloudFormation rejects such a template, and the reader must not throw on it.
 */
export function decideList<T>(property: string, value: unknown, read: (item: any, itemProperty: string) => Decided<T>): Decided<Array<Decided<T>>> {
  if (value === undefined || value === null || isNoValue(value)) return [];
  if (!Array.isArray(value)) return deployTime(property, value);
  const out: Array<Decided<T>> = [];
  value.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item) || isNoValue(item)) return;
    out.push(intrinsicOf(item) !== undefined ? deployTime(`${property}[${i}]`, item) : read(item, `${property}[${i}]`));
  });
  return out;
}
