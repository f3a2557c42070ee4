import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ISSUE_EXAMPLE, changed } from './fixtures';
import { DesignInputError, parseDesign, readDesignFile } from '../../src/modeling/document';

function inputError(build: () => unknown): string {
  try {
    build();
  } catch (e) {
    if (e instanceof DesignInputError) return e.message;
    throw e;
  }
  throw new Error('expected a DesignInputError');
}

describe('reading a design document', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'design-doc-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('JSON and YAML read the same', () => {
    const json = path.join(dir, 'store.design.json');
    const yaml = path.join(dir, 'store.design.yaml');
    fs.writeFileSync(json, JSON.stringify(ISSUE_EXAMPLE));
    fs.writeFileSync(yaml, [
      'name: Store', 'entities:',
      ...Object.entries(ISSUE_EXAMPLE.entities).flatMap(([name, e]) => [`  ${name}:`, `    attributes: ${JSON.stringify(e.attributes)}`, `    key: ${JSON.stringify(e.key)}`]),
      'accessPatterns:', ...ISSUE_EXAMPLE.accessPatterns.map(p => `  - ${JSON.stringify(p)}`),
    ].join('\n'));
    expect(readDesignFile(yaml)).toEqual(readDesignFile(json));
  });

  test.each([
    ['missing.json', undefined, /missing.json: no such file$/],
    ['bad.json', '{"name": ', /bad.json: not valid JSON \(/],
    ['bad.yaml', 'name: [', /bad.yaml: not valid YAML \(/],
  ])('%s cannot be read', (file, text, message) => {
    if (text !== undefined) fs.writeFileSync(path.join(dir, file), text);
    expect(inputError(() => readDesignFile(path.join(dir, file)))).toMatch(message);
  });

  test('a folder is not a document', () => {
    expect(inputError(() => readDesignFile(dir))).toMatch(/is a folder, not a design document/);
  });

  test.each([
    [[], /the document must be an object with "name", "entities" and "accessPatterns"/],
    [{ entities: {} }, /"name" must be a name such as "Store"/],
    [changed(ISSUE_EXAMPLE, d => { d.entities = {}; }), /"entities" must be an object with at least one entity/],
    [changed(ISSUE_EXAMPLE, d => { d.entities.Order.attributes.total = 'NUMBER'; }), /entity "Order": attribute "total" has type "NUMBER"; use one of S, N, B, BOOL/],
    [changed(ISSUE_EXAMPLE, d => { d.entities.Order.key = 'ORDER'; }), /entity "Order": "key" must be \{ "partition": "TEMPLATE", "sort": "TEMPLATE" \}/],
    [changed(ISSUE_EXAMPLE, d => { d.accessPatterns = []; }), /"accessPatterns" must be a list with at least one pattern/],
    [changed(ISSUE_EXAMPLE, d => { d.accessPatterns.push(d.accessPatterns[0]); }), /pattern "getCustomer" is defined twice/],
    [changed(ISSUE_EXAMPLE, d => { d.accessPatterns[0].entity = 'Client'; }), /pattern "getCustomer" names entity "Client", which is not in "entities"/],
    [changed(ISSUE_EXAMPLE, d => { d.accessPatterns[0].entities = ['Customer']; }), /pattern "getCustomer" must have either "entity" \(one\) or "entities"/],
    [changed(ISSUE_EXAMPLE, d => { d.accessPatterns[1].range.operator = 'after'; }), /pattern "ordersOfCustomer": "range" must be \{ "attribute": NAME, "operator": one of = < <= > >= between begins_with \}/],
    [changed(ISSUE_EXAMPLE, d => { d.accessPatterns[0].consistentRead = 'yes'; }), /pattern "getCustomer": "consistentRead" must be true or false/],
    [changed(ISSUE_EXAMPLE, d => { d.accessPatterns[0].equals = 'customerId'; }), /pattern "getCustomer": "equals" must be a list of attribute names/],
  ])('a document of the wrong shape: %#', (document, message) => {
    expect(inputError(() => parseDesign(document, 'doc.json'))).toMatch(new RegExp(`^doc.json: ${message.source}`));
  });
});
