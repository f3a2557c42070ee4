import { Decided, decide, decideList, deployTime, intrinsicOf, isDeployTime } from './deploy-time';
import { CapacityView, IndexView, KeySchemaView, ProjectionView, VectorIndexView } from './table-view';

/** Attribute types by name, from AttributeDefinitions (or the marker when the list is an intrinsic). */
export type AttributeTypes = Decided<Map<string, Decided<string>>>;

export function readAttributeTypes(definitions: unknown): AttributeTypes {
  const list = decideList<[string, Decided<string>] | undefined>('AttributeDefinitions', definitions, (item, property) =>
    typeof item?.AttributeName === 'string' ? [item.AttributeName, decide(`${property}.AttributeType`, item.AttributeType, String) ?? 'S'] : undefined);
  if (isDeployTime(list)) return list;
  const types = new Map<string, Decided<string>>();
  for (const entry of list) if (Array.isArray(entry)) types.set(entry[0], entry[1]);
  return types;
}

/** A KeySchema list read into partition and sort key, with types; the marker if any part is an intrinsic. */
export function readKeySchema(property: string, keySchema: unknown, types: AttributeTypes): Decided<KeySchemaView> | undefined {
  if (keySchema === undefined) return undefined;
  if (!Array.isArray(keySchema)) return deployTime(property, keySchema);
  const view: { partitionKey?: { name: string; type?: Decided<string> }; sortKey?: { name: string; type?: Decided<string> } } = {};
  for (const [i, element] of keySchema.entries()) {
    if (intrinsicOf(element) !== undefined) return deployTime(`${property}[${i}]`, element);
    const name = element?.AttributeName;
    if (intrinsicOf(name) !== undefined) return deployTime(`${property}[${i}].AttributeName`, name);
    if (typeof name !== 'string') continue;
    const type = isDeployTime(types) ? types : types.get(name);
    const attribute = { name, type };
    if (element.KeyType === 'RANGE') view.sortKey = attribute;
    else view.partitionKey = attribute;
  }
  return view;
}

function readProjection(property: string, projection: unknown): Decided<ProjectionView> {
  return decide(property, projection, (p: any) => ({
    type: typeof p.ProjectionType === 'string' ? p.ProjectionType : 'KEYS_ONLY',
    nonKeyAttributes: Array.isArray(p.NonKeyAttributes) ? p.NonKeyAttributes.filter((a: unknown) => typeof a === 'string') : [],
  })) ?? { type: 'KEYS_ONLY', nonKeyAttributes: [] };
}

const number = (value: unknown) => Number(value);

/** `{ReadCapacityUnits}` / `{WriteCapacityUnits}` style fixed units. */
export function fixedCapacity(property: string, units: unknown): CapacityView | undefined {
  const value = decide(property, units, number);
  return value === undefined ? undefined : { units: value };
}

/** A GlobalTable's `{Read|Write}CapacityAutoScalingSettings`, or fixed `ReadCapacityUnits`. */
export function globalTableCapacity(property: string, settings: any, kind: 'Read' | 'Write'): CapacityView | undefined {
  if (typeof settings !== 'object' || settings === null) return undefined;
  if (intrinsicOf(settings) !== undefined) return { units: deployTime(property, settings) };
  const autoScaling = settings[`${kind}CapacityAutoScalingSettings`];
  const units = decide(`${property}.${kind}CapacityUnits`, settings[`${kind}CapacityUnits`], number);
  if (typeof autoScaling !== 'object' || autoScaling === null) return units === undefined ? undefined : { units };
  const at = `${property}.${kind}CapacityAutoScalingSettings`;
  return {
    units,
    autoScaling: {
      minCapacity: decide(`${at}.MinCapacity`, autoScaling.MinCapacity, number),
      maxCapacity: decide(`${at}.MaxCapacity`, autoScaling.MaxCapacity, number),
      targetUtilizationPercent: decide(`${at}.TargetTrackingScalingPolicyConfiguration.TargetValue`, autoScaling.TargetTrackingScalingPolicyConfiguration?.TargetValue, number),
    },
  };
}

export function readIndexes(property: string, indexes: unknown, kind: 'global' | 'local', types: AttributeTypes, isGlobalTable: boolean): Decided<Array<Decided<IndexView>>> {
  return decideList<IndexView>(property, indexes, (index, at) => ({
    name: String(index.IndexName),
    kind,
    keys: readKeySchema(`${at}.KeySchema`, index.KeySchema, types) ?? {},
    projection: readProjection(`${at}.Projection`, index.Projection),
    writeCapacity: isGlobalTable
      ? globalTableCapacity(`${at}.WriteProvisionedThroughputSettings`, index.WriteProvisionedThroughputSettings, 'Write')
      : fixedCapacity(`${at}.ProvisionedThroughput.WriteCapacityUnits`, index.ProvisionedThroughput?.WriteCapacityUnits),
    readCapacity: isGlobalTable ? undefined : fixedCapacity(`${at}.ProvisionedThroughput.ReadCapacityUnits`, index.ProvisionedThroughput?.ReadCapacityUnits),
    contributorInsights: isGlobalTable ? undefined : decide(`${at}.ContributorInsightsSpecification`, index.ContributorInsightsSpecification,
      (spec: any) => decide(`${at}.ContributorInsightsSpecification.Enabled`, spec.Enabled, v => v === true) ?? false) ?? false,
  }));
}

export function readVectorIndexes(indexes: unknown): Decided<Array<Decided<VectorIndexView>>> {
  return decideList<VectorIndexView>('VectorIndexes', indexes, (index, at) => ({
    name: String(index.IndexName),
    vectorAttribute: typeof index.VectorAttribute?.AttributeName === 'string' ? index.VectorAttribute.AttributeName : undefined,
    dimensions: decide(`${at}.Dimensions`, index.Dimensions, number),
    distanceFunction: decide(`${at}.DistanceFunction`, index.DistanceFunction, String),
  }));
}
