import { NumberValueImpl } from '@aws-sdk/util-dynamodb';
import { insert, withStreamData } from './records';
import { processStreamEvent } from '../../src/runtime';
import { compareSequenceNumbers, consoleLogger, keysForLog, logSafely, resumePointFrom, safeJson, sequenceNumberOf } from '../../src/runtime/failure-report';

describe('sequence numbers', () => {
  test('compare as numbers of any length, leading zeros aside', () => {
    expect(compareSequenceNumbers('9', '10')).toBeLessThan(0);
    expect(compareSequenceNumbers('0010', '9')).toBeGreaterThan(0);
    expect(compareSequenceNumbers('000', '0')).toBe(0);
    expect(compareSequenceNumbers('123456789012345678901234567890', '123456789012345678901234567891')).toBeLessThan(0);
  });

  test('only a string of digits is one', () => {
    expect(sequenceNumberOf(insert(1))).toBe('1001');
    for (const value of [undefined, '', ' 1', '1e3', '-1', 1001, null]) {
      expect(sequenceNumberOf(withStreamData(insert(1), { SequenceNumber: value }))).toBeUndefined();
    }
    expect(sequenceNumberOf(undefined)).toBeUndefined();
    expect(sequenceNumberOf({})).toBeUndefined();
  });

  test('the resume point is the lowest from the failure on, or none if one of them has none', () => {
    const records = [insert(3), insert(9), insert(5), insert(7)];
    expect(resumePointFrom(records, 1)).toBe('1005');
    expect(resumePointFrom(records, 3)).toBe('1007');
    expect(resumePointFrom([...records, withStreamData(insert(8), { SequenceNumber: undefined })], 0)).toBeUndefined();
  });
});

describe('logging', () => {
  test('safeJson writes BigInts, sets, binaries and wrapped numbers as JSON', () => {
    expect(JSON.parse(safeJson({ big: 12345678901234567890n, set: new Set([1n, 'a']), bytes: new Uint8Array([1, 2, 3]), wrapped: NumberValueImpl.from('1.5') })))
      .toEqual({ big: '12345678901234567890', set: ['1', 'a'], bytes: 'AQID', wrapped: '1.5' });
  });

  test('safeJson never throws', () => {
    const cyclic: any = {};
    cyclic.self = cyclic;
    expect(JSON.parse(safeJson(cyclic)).unloggable).toMatch(/circular/i);
    expect(safeJson(undefined)).toBe('null');
  });

  test('keys that cannot be unmarshalled even for the log are logged in DynamoDB JSON', () => {
    const record = withStreamData(insert(1), { Keys: { pk: { Z: 'x' } } });
    expect(keysForLog(record, undefined)).toEqual({ pk: { Z: 'x' } });
    expect(keysForLog(withStreamData(insert(1), { Keys: undefined }), undefined)).toEqual({});
  });

  test('when the logger and console.error both throw, the failure is still reported', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => { throw new Error('stderr closed'); });
    try {
      const logger = { error: () => { throw new Error('sink down'); } };
      expect(() => logSafely(logger, 'm', {})).not.toThrow();
      expect(() => logSafely(consoleLogger, 'm', {})).not.toThrow();
      const response = await processStreamEvent({ Records: [insert(1)] }, () => { throw new Error('x'); }, undefined, { logger });
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1001' }] });
    } finally {
      spy.mockRestore();
    }
  });
});
