import { Duration, Token } from 'aws-cdk-lib';
import { DAX_ALARM_DEFAULTS, DaxAlarmName } from './dax-alarm-defaults';
import { DaxClusterProps, DaxEndpointEncryption } from './dax-cluster-props';
import { validateAlarmOverrides } from '../monitoring/validation';
import { checkProps } from '../shared/check-props';
import { invalid, show } from '../shared/errors';

/** DAX: one primary and at most 10 read replicas. */
export const MAX_REPLICATION_FACTOR = 11;
/** `dax.<family>.<size>`, such as dax.r5.large or dax.t3.small. */
const NODE_TYPE = /^dax\.[a-z][a-z0-9-]*\.[a-z0-9]+$/;
/** 1 to 20 letters, digits or hyphens; a letter first; no trailing or double hyphen. */
const CLUSTER_NAME = /^[A-Za-z](?:[A-Za-z0-9]|-(?!-)){0,19}$/;
const DAY = '(?:sun|mon|tue|wed|thu|fri|sat)';
const TIME = '(?:[01][0-9]|2[0-3]):[0-5][0-9]';
const MAINTENANCE_WINDOW = new RegExp(`^${DAY}:${TIME}-${DAY}:${TIME}$`, 'i');

function wholeNumberIn(path: string, property: string, value: number | undefined, min: number, max: number, fix: string): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(path, property, `is ${show(value)} but must be a whole number from ${min} to ${max}`, fix);
  }
}

/** A cache TTL: a Duration of whole, non-negative seconds (DAX takes milliseconds, we promise seconds). */
function ttl(path: string, property: string, value: Duration | undefined): void {
  if (value === undefined) return;
  if (!(value instanceof Duration)) invalid(path, property, `is ${show(value)}, not a Duration`, 'pass a Duration such as Duration.minutes(5).');
  if (value.isUnresolved()) return;
  const millis = value.toMilliseconds({ integral: false });
  if (millis < 0 || millis % 1000 !== 0) {
    invalid(path, property, `is ${millis} ms but must be a whole number of seconds, zero or more`,
      `round it to seconds, such as Duration.seconds(${Math.max(0, Math.round(millis / 1000))}).`);
  }
}

function alarmOptions(path: string, props: DaxClusterProps): void {
  for (const name of Object.keys(props.alarms ?? {}) as DaxAlarmName[]) {
    const options = props.alarms![name];
    if (options === undefined) continue;
    if (!(name in DAX_ALARM_DEFAULTS)) {
      invalid(path, `alarms.${name}`, 'is not an alarm of DaxCluster', `use one of ${Object.keys(DAX_ALARM_DEFAULTS).join(', ')}.`);
    }
    validateAlarmOverrides(path, `alarms.${name}`, options, DAX_ALARM_DEFAULTS[name], { publisher: 'DAX' });
  }
}

/**
 * Checks the props of a `DaxCluster` against DAX's real limits, before anything is created. The
 * subnets are checked once selected (`validateSubnets`). A CDK token is not range-checked.
 */
export function validateDaxClusterProps(path: string, props: DaxClusterProps): void {
  checkProps(path, 'cdk-dynamodb-kit.DaxClusterProps', props);
  if (!props) invalid(path, 'props', 'are missing', 'pass at least { vpc, tables }.');
  if (!props.vpc) invalid(path, 'vpc', `is ${show(props.vpc)}`, 'pass the ec2.IVpc the nodes and their clients live in.');
  if (!Array.isArray(props.tables) || props.tables.length === 0) {
    invalid(path, 'tables', `is ${show(props.tables)}`, 'pass the tables the cluster caches, such as [ordersTable]; its role may use only those.');
  }
  props.tables.forEach((table, index) => {
    if (!table || typeof table.tableArn !== 'string') invalid(path, `tables[${index}]`, `is ${show(table)}`, 'pass an ITableV2 (a ProductionTable, a TableV2 or TableV2.fromTableName).');
  });
  wholeNumberIn(path, 'replicationFactor', props.replicationFactor, 1, MAX_REPLICATION_FACTOR,
    'a DAX cluster has 1 to 11 nodes (one primary and up to 10 read replicas); choose 3 or more for production.');
  if (props.nodeType !== undefined && !Token.isUnresolved(props.nodeType) && (typeof props.nodeType !== 'string' || !NODE_TYPE.test(props.nodeType))) {
    invalid(path, 'nodeType', `is ${show(props.nodeType)} but must look like dax.<family>.<size>`, 'such as dax.r5.large (the default) or dax.t3.small.');
  }
  if (props.clusterName !== undefined && !Token.isUnresolved(props.clusterName) && (typeof props.clusterName !== 'string' || !CLUSTER_NAME.test(props.clusterName) || props.clusterName.endsWith('-'))) {
    invalid(path, 'clusterName', `is ${show(props.clusterName)} but must be 1 to 20 letters, digits or hyphens, start with a letter, and have no trailing or double hyphen`,
      'choose a name such as "orders-cache", or leave it out and let CloudFormation name the cluster.');
  }
  if (props.preferredMaintenanceWindow !== undefined && !Token.isUnresolved(props.preferredMaintenanceWindow)
    && (typeof props.preferredMaintenanceWindow !== 'string' || !MAINTENANCE_WINDOW.test(props.preferredMaintenanceWindow))) {
    invalid(path, 'preferredMaintenanceWindow', `is ${show(props.preferredMaintenanceWindow)} but must be ddd:hh24:mi-ddd:hh24:mi (UTC)`, 'such as "sun:05:00-sun:06:00".');
  }
  if (props.endpointEncryption !== undefined && !Object.values(DaxEndpointEncryption).includes(props.endpointEncryption)) {
    invalid(path, 'endpointEncryption', `is ${show(props.endpointEncryption)}`, 'use DaxEndpointEncryption.TLS (the default) or DaxEndpointEncryption.NONE.');
  }
  ttl(path, 'itemCacheTtl', props.itemCacheTtl);
  ttl(path, 'queryCacheTtl', props.queryCacheTtl);
  if (props.alarmTopic && props.alarmAction) {
    invalid(path, 'alarmAction', 'is given together with alarmTopic', 'give one of them: alarmTopic for an SNS topic, alarmAction for any other action.');
  }
  alarmOptions(path, props);
}

/**
 * Checks the selected subnets: at least one, and (when the zones are known at synthesis) at least
 * as many Availability Zones as the nodes should spread over, which is the replication factor up
 * to three. Above three, nodes share zones; AWS recommends three zones, not one per node.
 */
export function validateSubnets(path: string, subnetIds: string[], availabilityZones: string[], replicationFactor: number): void {
  if (subnetIds.length === 0) {
    invalid(path, 'vpcSubnets', 'selects no subnets of the VPC', 'select subnets that exist in the VPC, such as { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }.');
  }
  if (Token.isUnresolved(replicationFactor) || availabilityZones.some(az => Token.isUnresolved(az))) return;
  const zones = new Set(availabilityZones).size;
  const wanted = Math.min(replicationFactor, 3);
  if (zones < wanted) {
    invalid(path, 'vpcSubnets', `span ${zones} Availability Zone(s) (${[...new Set(availabilityZones)].join(', ')}) but replicationFactor ${replicationFactor} spreads nodes over ${wanted}`,
      `select subnets in ${wanted} zones (a VPC with maxAzs: 3), or lower replicationFactor to ${zones}.`);
  }
}
