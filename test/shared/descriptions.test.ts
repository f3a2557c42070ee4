import { Lazy } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable, ScheduledExport } from '../../src';
import { alarmDescription, iamDescription, securityGroupDescription } from '../../src/shared/descriptions';
import { daxCluster } from '../dax/fixtures';
import { templateOf, testStack } from '../helpers/app';

describe('descriptions the services accept, whatever the user named things', () => {
  test('IAM: characters beyond Latin-1 become "?", Latin-1 stays, 1000 characters at most', () => {
    expect(iamDescription('Exports TestStack/Bestellungen-été/名前-🙂')).toBe('Exports TestStack/Bestellungen-été/??-?');
    const long = iamDescription(`Exports ${'x'.repeat(2000)}`);
    expect(long).toHaveLength(1000);
    expect(long.endsWith('...')).toBe(true);
  });

  test('EC2 security groups: only their ASCII set, "?" included in what is replaced, 255 at most', () => {
    expect(securityGroupDescription('DAX cluster TestStack/Caché?: port 9111')).toBe('DAX cluster TestStack/Cach__: port 9111');
    expect(securityGroupDescription('y'.repeat(300))).toHaveLength(255);
  });

  test('alarms: any character, 1024 at most, never cut inside an emoji', () => {
    expect(alarmDescription('名前 🙂')).toBe('名前 🙂');
    const cut = alarmDescription(`${'a'.repeat(1020)}🙂🙂🙂`);
    expect(cut.length).toBeLessThanOrEqual(1024);
    expect(cut).toBe(`${'a'.repeat(1020)}...`);
  });

  test('a description holding a token is not cut (its length is known at deploy only)', () => {
    const token = Lazy.string({ produce: () => 'orders' });
    const text = `${'x'.repeat(1100)} ${token}`;
    expect(iamDescription(text)).toBe(text);
  });

  test('constructs with unicode and 300-character ids synthesize valid templates (CloudFormation schema validation)', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Bestellungen-名前-🙂', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    new ScheduledExport(stack, 'x'.repeat(300), { table, prefix: 'exports/名前-🙂/' });
    daxCluster({ tables: [table] }, stack);
    const template = templateOf(stack);
    const roles = Object.values(template.findResources('AWS::IAM::Role')).map((r: any) => r.Properties.Description as string);
    expect(roles.some(d => d.includes('exports/??-?/'))).toBe(true);
    const groups = Object.values(template.findResources('AWS::EC2::SecurityGroup')).map((r: any) => r.Properties.GroupDescription as string);
    expect(groups.length).toBeGreaterThan(0);
    for (const description of groups) expect(description).toMatch(/^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
  });
});
