/** Small design documents for the tests. */
export const ISSUE_EXAMPLE = {
  name: 'Store',
  entities: {
    Customer: {
      attributes: { customerId: 'S', email: 'S', name: 'S' },
      key: { partition: 'CUSTOMER#{customerId}', sort: 'PROFILE' },
    },
    Order: {
      attributes: { customerId: 'S', orderId: 'S', orderDate: 'S', status: 'S', total: 'N', awaitingShipmentSince: 'S' },
      key: { partition: 'CUSTOMER#{customerId}', sort: 'ORDER#{orderDate}#{orderId}' },
    },
  },
  accessPatterns: [
    { name: 'getCustomer', entity: 'Customer', equals: ['customerId'], consistentRead: true },
    { name: 'ordersOfCustomer', entity: 'Order', equals: ['customerId'], range: { attribute: 'orderDate', operator: 'between' } },
    { name: 'customerWithOrders', entities: ['Customer', 'Order'], equals: ['customerId'] },
    { name: 'orderById', entity: 'Order', equals: ['orderId'] },
    { name: 'ordersAwaitingShipment', entity: 'Order', equals: [], range: { attribute: 'awaitingShipmentSince', operator: '<=' }, onlyItemsWith: 'awaitingShipmentSince' },
  ],
};

/** A copy of `document` with `change` applied to it (a deep copy: fixtures stay untouched). */
export function changed(document: any, change: (doc: any) => void): any {
  const copy = JSON.parse(JSON.stringify(document));
  change(copy);
  return copy;
}

/** One entity with a pattern per range operator, on a partition it shares with another entity. */
export const EVERY_OPERATOR = {
  name: 'Events',
  entities: {
    Device: { attributes: { deviceId: 'S', model: 'S' }, key: { partition: 'DEVICE#{deviceId}', sort: 'DEVICE' } },
    Reading: {
      attributes: { deviceId: 'S', readingId: 'S', readAt: 'S', value: 'N' },
      key: { partition: 'DEVICE#{deviceId}', sort: 'READING#{readAt}#{readingId}' },
    },
    Alert: { attributes: { deviceId: 'S', raisedAt: 'S', level: 'S' }, key: { partition: 'DEVICE#{deviceId}', sort: 'ALERT#{raisedAt}' } },
  },
  accessPatterns: [
    ...['=', '<', '<=', '>', '>=', 'between', 'begins_with'].flatMap(operator => [
      { name: `readings ${operator}`, entity: 'Reading', equals: ['deviceId'], range: { attribute: 'readAt', operator } },
      { name: `alerts ${operator}`, entity: 'Alert', equals: ['deviceId'], range: { attribute: 'raisedAt', operator } },
    ]),
    { name: 'device', entity: 'Device', equals: ['deviceId'], consistentRead: true },
    { name: 'deviceWithEverything', entities: ['Device', 'Reading', 'Alert'], equals: ['deviceId'] },
    { name: 'alertsByLevel', entity: 'Alert', equals: ['level'], range: { attribute: 'raisedAt', operator: '>=' } },
    { name: 'allAlerts', entity: 'Alert', equals: [], allowScan: true },
  ],
};
