import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { CapacityPlanner, ReadConsistency, Workload } from '../../src';

// Every expected figure below is computed by hand from DynamoDB's published rules:
// a read costs ceil(size / 4,096 B) units (× 0.5 eventually consistent, × 1 strong, × 2 transactional),
// a write costs ceil(size / 1,024 B) units (× 2 in a transaction), a write that touches an index
// costs ceil(projected size / 1,024 B) units there, a month is 730 h = 2,628,000 s.

/** A workload with nothing in it but what a test sets. */
function plan(workload: Partial<Workload>) {
  return CapacityPlanner.plan({ itemSizeBytes: 1000, readsPerSecond: 0, writesPerSecond: 0, storageGb: 0, ...workload });
}

describe('read units: 4 KB blocks, rounded up per item, by consistency', () => {
  test.each([
    // 100 reads/s × ceil(4,096 / 4,096) = 1 block × factor
    [4096, ReadConsistency.EVENTUAL, 50], //       100 × 1 × 0.5
    [4096, ReadConsistency.STRONG, 100], //        100 × 1 × 1
    [4096, ReadConsistency.TRANSACTIONAL, 200], // 100 × 1 × 2
    // one byte over: ceil(4,097 / 4,096) = 2 blocks
    [4097, ReadConsistency.EVENTUAL, 100], //      100 × 2 × 0.5
    [4097, ReadConsistency.STRONG, 200], //        100 × 2 × 1
    [4097, ReadConsistency.TRANSACTIONAL, 400], // 100 × 2 × 2
  ])('%p bytes, %p reads: %p RCU for 100 reads/s', (itemSizeBytes, readConsistency, rcu) => {
    const result = plan({ itemSizeBytes, readConsistency, readsPerSecond: 100 });
    expect(result.readCapacityUnits).toBe(rcu);
    // the average is the peak here: rcu units/s × 2,628,000 s
    expect(result.readRequestUnitsPerMonth).toBe(rcu * 2_628_000);
  });

  test('the default consistency is eventual', () => {
    expect(plan({ itemSizeBytes: 4096, readsPerSecond: 100 }).readCapacityUnits).toBe(50);
  });

  test('eventually consistent reads of small items cost half a unit: 3 reads/s need ceil(1.5) = 2 RCU', () => {
    const result = plan({ itemSizeBytes: 100, readsPerSecond: 3 });
    expect(result.readCapacityUnits).toBe(2);
    expect(result.readRequestUnitsPerMonth).toBe(1.5 * 2_628_000); // 3,942,000
  });
});

describe('write units: 1 KB, rounded up per item', () => {
  test.each([
    [1024, 100], // ceil(1,024 / 1,024) = 1 unit × 100 writes/s
    [1025, 200], // ceil(1,025 / 1,024) = 2 units × 100 writes/s
    [409_600, 400 * 100], // the 400 KB limit itself: 400 units per write
  ])('%p bytes: %p WCU for 100 writes/s', (itemSizeBytes, wcu) => {
    const result = plan({ itemSizeBytes, writesPerSecond: 100 });
    expect(result.writeCapacityUnits).toBe(wcu);
    expect(result.writeRequestUnitsPerMonth).toBe(wcu * 2_628_000);
  });

  test('a transactional write share costs double for that share', () => {
    // 2,048 B: 2 units per write; 25% in transactions: 2 × (0.75 × 1 + 0.25 × 2) = 2.5 units
    // 100 writes/s × 2.5 = 250 WCU; 250 × 2,628,000 = 657,000,000 write units a month
    const result = plan({ itemSizeBytes: 2048, writesPerSecond: 100, transactionalWriteShare: 0.25 });
    expect(result.writeCapacityUnits).toBe(250);
    expect(result.writeRequestUnitsPerMonth).toBe(657_000_000);
  });

  test('the peak sets the capacity; the average sets the monthly units', () => {
    // 1 KB: 1 unit. Peak 150 writes/s → 150 WCU; average 100/s × 2,628,000 = 262,800,000
    const result = plan({ itemSizeBytes: 1024, writesPerSecond: 100, peakWritesPerSecond: 150 });
    expect(result.writeCapacityUnits).toBe(150);
    expect(result.writeRequestUnitsPerMonth).toBe(262_800_000);
  });
});

describe('global secondary indexes with different projections', () => {
  const result = plan({
    itemSizeBytes: 3000, // table: ceil(3,000 / 1,024) = 3 write units, ceil(3,000 / 4,096) = 1 read block
    readsPerSecond: 100,
    writesPerSecond: 200,
    readConsistency: ReadConsistency.STRONG,
    globalSecondaryIndexes: [
      { indexName: 'byStatus', writeShare: 1, projectedItemSizeBytes: 100 }, //   KEYS_ONLY: 1 write unit
      { indexName: 'byCustomer', writeShare: 0.5, projectedItemSizeBytes: 3000 }, // ALL: 3 write units
    ],
    indexReads: [{ indexName: 'byStatus', readShare: 0.2 }, { indexName: 'byCustomer', readShare: 0.3 }],
  });

  test('each index costs its own write units for its projected size, for the writes that touch it', () => {
    expect(result.writeCapacityUnits).toBe(600); //                   200 × 3
    expect(result.indexWriteCapacityUnits).toEqual({
      byStatus: 200, //   200 × 1 × 1
      byCustomer: 300, // 200 × 0.5 × 3
    });
    // (600 + 200 + 300) × 2,628,000 = 2,890,800,000
    expect(result.writeRequestUnitsPerMonth).toBe(2_890_800_000);
  });

  test('index reads are eventually consistent and leave the rest of the reads to the table', () => {
    expect(result.readCapacityUnits).toBe(50); //                     100 × (1 − 0.2 − 0.3) × 1 block × 1 (strong)
    expect(result.indexReadCapacityUnits).toEqual({
      byStatus: 10, //   100 × 0.2 × 1 block × 0.5
      byCustomer: 15, // 100 × 0.3 × 1 block × 0.5
    });
    expect(result.readRequestUnitsPerMonth).toBe(197_100_000); //     (50 + 10 + 15) × 2,628,000
  });

  test('an index over one partition\'s 1,000 WCU is a warning (GSI back-pressure)', () => {
    // 1,000 writes/s of KEYS_ONLY entries (1 unit) reach 1,000 WCU: at the limit, not over it
    const atLimit = plan({ writesPerSecond: 1000, globalSecondaryIndexes: [{ indexName: 'byStatus', writeShare: 1, projectedItemSizeBytes: 100 }] });
    const partitionWarning = /over one partition's 1,000 WCU/;
    expect(atLimit.warnings.filter(w => partitionWarning.test(w))).toEqual([]);
    const over = plan({ writesPerSecond: 1001, globalSecondaryIndexes: [{ indexName: 'byStatus', writeShare: 1, projectedItemSizeBytes: 100 }] });
    expect(over.warnings.filter(w => partitionWarning.test(w))).toEqual([
      expect.stringMatching(/^index byStatus: 1,001 WCU at the peak is over one partition's 1,000 WCU: .*throttles the table's writes/),
    ]);
  });
});

describe('two replica regions', () => {
  const result = plan({
    itemSizeBytes: 1024, // 1 write unit
    writesPerSecond: 100,
    storageGb: 10,
    globalSecondaryIndexes: [{ indexName: 'byStatus', writeShare: 1, projectedItemSizeBytes: 500 }], // 1 write unit
    replicaRegions: ['eu-west-1', 'ap-southeast-2'],
  });

  test('each replica region applies the table\'s writes and its indexes\'', () => {
    expect(result.writeCapacityUnits).toBe(100);
    expect(result.indexWriteCapacityUnits).toEqual({ byStatus: 100 });
    expect(result.replicatedWriteCapacityUnits).toBe(400); // 2 × (100 + 100)
    expect(result.writeRequestUnitsPerMonth).toBe(1_576_800_000); // (100 + 100) × 3 regions × 2,628,000
  });

  test('costs count every region', () => {
    expect(result.monthlyCost).toEqual({
      // local 525.6 M × $0.625 = $328.50; replicated 1,051.2 M × $0.625 = $657.00
      onDemand: 985.5,
      // own region: table 1 RCU (no reads) + index 1 RCU; WCU ceil(100 / 0.7) = 143 each → 286
      // per hour: 2 × $0.00013 + 286 × $0.00065 = $0.18616; each replica the same (1 RCU per table
      // and index, 286 replicated WCU at $0.00065): 2 × $0.18616; total $0.55848 × 730 h = $407.6904
      provisioned: 407.6904,
      storage: 7.5, //             10 GB × $0.25 × 3 regions
      pointInTimeRecovery: 6, //   10 GB × $0.20 × 3 regions
    });
  });
});

describe('partitions', () => {
  test('one per 3,000 RCU plus 1,000 WCU at the peak', () => {
    // 1 KB strong: 10,000 RCU, 2,000 WCU → ceil(10,000 / 3,000 + 2,000 / 1,000) = ceil(5.33) = 6
    expect(plan({ itemSizeBytes: 1024, readsPerSecond: 10_000, writesPerSecond: 2000, readConsistency: ReadConsistency.STRONG }).partitions).toBe(6);
  });

  test('one per 10 GB when storage needs more', () => {
    // throughput: ceil(0 + 10 / 1,000) = 1; storage: ceil(55 GB / 10 GB) = 6
    expect(plan({ writesPerSecond: 10, storageGb: 55 }).partitions).toBe(6);
  });
});

describe('a hot key', () => {
  const busy = { itemSizeBytes: 1024, readsPerSecond: 10_000, writesPerSecond: 2000, readConsistency: ReadConsistency.STRONG };

  test('over one partition\'s 3,000 RCU is a warning', () => {
    // 0.4 × 10,000 RCU = 4,000 RCU on one key > 3,000; 0.4 × 2,000 WCU = 800 WCU ≤ 1,000
    expect(plan({ ...busy, hotKeyShare: 0.4 }).warnings).toEqual([
      expect.stringMatching(/^hot key: 0.4 of 10,000 RCU at the peak is 4,000 RCU on one partition key, over one partition's 3,000 RCU/),
    ]);
  });

  test('over one partition\'s 1,000 WCU is a warning too', () => {
    // 0.6 × 2,000 WCU = 1,200 WCU > 1,000 (and 6,000 RCU > 3,000)
    const warnings = plan({ ...busy, hotKeyShare: 0.6 }).warnings;
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/^hot key: 0.6 of 2,000 WCU at the peak is 1,200 WCU on one partition key, over one partition's 1,000 WCU/);
  });

  test('exactly at the partition limits is no warning', () => {
    // 0.3 × 10,000 = 3,000 RCU; 0.3 × 2,000 = 600 WCU
    expect(plan({ ...busy, hotKeyShare: 0.3 }).warnings).toEqual([]);
  });
});

describe('storage, point-in-time recovery and table class', () => {
  test('Standard-IA uses its own prices', () => {
    // 100 GB × $0.10 = $10; 1 KB × 10 writes/s → 26.28 M write units × $0.78125 = $20.53125
    const result = plan({ itemSizeBytes: 1024, writesPerSecond: 10, storageGb: 100, tableClass: TableClass.STANDARD_INFREQUENT_ACCESS });
    expect(result.monthlyCost.storage).toBe(10);
    expect(result.monthlyCost.onDemand).toBe(20.5313);
    expect(result.monthlyCost.pointInTimeRecovery).toBe(20); // 100 GB × $0.20
  });

  test('point-in-time recovery off costs nothing', () => {
    expect(plan({ storageGb: 100, pointInTimeRecovery: false }).monthlyCost.pointInTimeRecovery).toBe(0);
  });
});

describe('the explanation shows the arithmetic', () => {
  test('every figure with how it was made', () => {
    const { explanation } = plan({ itemSizeBytes: 2048, writesPerSecond: 100, transactionalWriteShare: 0.25, readsPerSecond: 10 });
    expect(explanation).toEqual(expect.arrayContaining([
      'table read: ceil(2,048 B / 4,096 B) = 1 × 0.5 (eventually consistent) = 0.5 read units',
      'table write: ceil(2,048 B / 1,024 B) = 2 write units; × (1 + 0.25 transactional share, which costs double) = 2.5 on average',
      'readCapacityUnits = ceil(10 peak reads/s × 0.5) = 5',
      'writeCapacityUnits = ceil(100 peak writes/s × 2.5) = 250',
      'writeRequestUnitsPerMonth = (250 table average write units/s) × 2,628,000 s = 657,000,000',
    ]));
    expect(explanation.find(l => l.startsWith('prices: '))).toMatch(/2026-12-01 .*https:\/\/aws.amazon.com\/dynamodb\/pricing\/on-demand\//);
    expect(explanation.find(l => l.startsWith('monthlyCost.provisioned = '))).toMatch(/× 730 h = \$/);
  });
});
