import { readFileSync } from 'fs';
import { join } from 'path';
import { CapacityPlanner } from '../../src';
import { workloadFromJson } from '../../src/capacity/workload-json';
import { formatPlan } from '../../src/cli/plan-command';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const start = readme.indexOf('## Planning capacity and cost');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const block = (language: string) => {
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)\\n```').exec(section);
  if (!match) throw new Error(`no ${language} block in the README's planning section`);
  return match[1];
};

describe('the README\'s worked example', () => {
  test('its output is what the plan command prints for its workload', () => {
    const plan = CapacityPlanner.plan(workloadFromJson(JSON.parse(block('json')), 'orders-workload.json'));
    expect(`${block('text')}\n`).toBe(formatPlan(plan));
  });

  test('its totals, checked by hand, and the TypeScript example describes the same traffic', () => {
    const fromJson = CapacityPlanner.plan(workloadFromJson(JSON.parse(block('json')), 'orders-workload.json'));
    expect(block('ts')).toContain('itemSizeBytes: 1800, readsPerSecond: 500, peakReadsPerSecond: 900, writesPerSecond: 120, peakWritesPerSecond: 200');
    expect(fromJson.monthlyCost.provisioned).toBe(589.8984); // (358 × $0.00013 + 550 × $0.00065) × 2 regions × 730 h
    expect(fromJson.monthlyCost.onDemand).toBe(1343.565); //   657 M × $0.125 + 2 × 1,009.152 M × $0.625
  });
});
