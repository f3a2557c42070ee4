import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, normalize, relative } from 'path';

const SRC = join(__dirname, '..', '..', 'src');

/** Every .ts file of src/ with the src/ files it imports (relative imports, type-only ones too). */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(path);
    }
  };
  walk(SRC);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const deps: string[] = [];
    for (const match of text.matchAll(/(?:import|export)\s+(?:type\s+)?(?:[^'"]*?from\s+)?['"](\.[^'"]*)['"]/g)) {
      const target = normalize(join(dirname(file), match[1]));
      const resolved = [`${target}.ts`, join(target, 'index.ts')].find(candidate => known.has(candidate));
      if (resolved) deps.push(resolved);
    }
    graph.set(file, deps);
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === 'open') found.push([...stack.slice(stack.indexOf(dep)), dep].map(f => relative(SRC, f)).join(' -> '));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('the layout of src/', () => {
  const graph = importGraph();

  test('no import cycle among the files of src/', () => {
    expect(cycles(graph)).toEqual([]);
  });

  test('the dashboard imports no construct: it takes metrics, the table shape and alarms as inputs', () => {
    const deps = (graph.get(join(SRC, 'monitoring', 'dashboard.ts')) ?? []).map(f => relative(SRC, f)).sort();
    expect(deps).toEqual(['monitoring/table-metric-factory.ts', 'monitoring/table-shape.ts']);
  });

  test('the alarm builder knows nothing of tables, streams or DAX (only the shared helpers)', () => {
    const deps = (graph.get(join(SRC, 'monitoring', 'alarm-builder.ts')) ?? []).map(f => relative(SRC, f));
    expect(deps).toEqual(['shared/descriptions.ts']);
  });

  test('no source file of monitoring/ or streams/ is over 350 lines', () => {
    const long = [...graph.keys()]
      .filter(file => /^(monitoring|streams)[/\\]/.test(relative(SRC, file)))
      .map(file => ({ file: relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 350);
    expect(long).toEqual([]);
  });
});
