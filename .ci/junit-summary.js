// Prints jest's counts as a plain closing line ("N passed, N failed, N skipped") from the JUnit
// report that projen's jest configuration writes to test-reports/junit.xml.
const xml = require('fs').readFileSync('test-reports/junit.xml', 'utf8');
const root = /<testsuites[^>]*>/.exec(xml)[0];
const count = name => Number((new RegExp(`${name}="(\\d+)"`).exec(root) || [0, 0])[1]);
const skipped = (xml.match(/<skipped\b/g) || []).length;
const failed = count('failures') + count('errors');
console.log(`jest: ${count('tests') - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
