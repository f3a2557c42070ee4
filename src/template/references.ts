import { isTableType } from './resource-types';
import { CfnResourceJson, CfnTemplate } from './template-json';

const SUB_VARIABLE = /\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g;
const TABLE_IN_ARN = /:table\/([A-Za-z0-9_.-]+)/g;

/**
 * Who refers to whom in one template, built in one walk of every resource's Properties: a `Ref`,
 * a `Fn::GetAtt`, a `${Id}` in `Fn::Sub`, and, for tables with a literal TableName, the name
 * itself or `:table/<name>` in an ARN. Lookups afterwards are constant time, so reading every
 * table's alarms, backups and consumers stays linear in the number of resources.
 */
export class ReferenceIndex {
  /** Builds the index of a template. */
  public static of(template: CfnTemplate): ReferenceIndex {
    return new ReferenceIndex(template);
  }

  private readonly referrers = new Map<string, string[]>();
  private readonly references = new Map<string, Set<string>>();

  private readonly tableByName = new Map<string, string>();

  private constructor(private readonly template: CfnTemplate) {
    const tableByName = this.tableByName;
    for (const [id, resource] of Object.entries(template.Resources)) {
      const name = resource?.Properties?.TableName;
      if (isTableType(resource?.Type) && typeof name === 'string') tableByName.set(name, id);
    }
    for (const [id, resource] of Object.entries(template.Resources)) {
      const targets = referencesIn(resource?.Properties, tableByName);
      targets.delete(id);
      this.references.set(id, targets);
      for (const target of targets) {
        const list = this.referrers.get(target);
        if (list) list.push(id);
        else this.referrers.set(target, [id]);
      }
    }
  }

  /** The logical IDs a resource's Properties refer to. */
  public referencesOf(logicalId: string): ReadonlySet<string> {
    return this.references.get(logicalId) ?? new Set();
  }

  /** Whether a JSON value (part of a resource) refers to `logicalId`, as the index would count it. */
  public valueRefersTo(value: unknown, logicalId: string): boolean {
    return referencesIn(value, this.tableByName).has(logicalId);
  }

  /** The resources that refer to `logicalId`, optionally only those of one type. */
  public referrersOf(logicalId: string, type?: string): Array<[string, CfnResourceJson]> {
    return (this.referrers.get(logicalId) ?? [])
      .map(id => [id, this.template.Resources[id]] as [string, CfnResourceJson])
      .filter(([, resource]) => type === undefined || resource.Type === type);
  }
}

/** Every logical ID (or table, by its literal name) a JSON value refers to; iterative, so depth is no risk. */
function referencesIn(value: unknown, tableByName: Map<string, string>): Set<string> {
  const found = new Set<string>();
  const pending: unknown[] = [value];
  const literal = (text: string) => {
    const byName = tableByName.get(text);
    if (byName) found.add(byName);
    for (const match of text.matchAll(TABLE_IN_ARN)) {
      const id = tableByName.get(match[1]);
      if (id) found.add(id);
    }
  };
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v === 'string') {
      literal(v);
    } else if (Array.isArray(v)) {
      pending.push(...v);
    } else if (typeof v === 'object' && v !== null) {
      const o = v as { [key: string]: unknown };
      if (typeof o.Ref === 'string') found.add(o.Ref);
      const getAtt = o['Fn::GetAtt'];
      if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') found.add(getAtt[0]);
      if (typeof getAtt === 'string') found.add(getAtt.split('.')[0]);
      const sub = o['Fn::Sub'];
      const subText = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
      if (subText !== undefined) for (const match of subText.matchAll(SUB_VARIABLE)) found.add(match[1]);
      pending.push(...Object.values(o));
    }
  }
  return found;
}
