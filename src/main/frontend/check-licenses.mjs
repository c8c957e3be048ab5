// Fails the build when an installed npm package carries a licence outside the allowlist.
// A few lines over package-lock.json and each package's package.json: no kept npm package checks
// SPDX expressions and the bpmn.io licence file without pulling a dependency tree of its own.
import { readFileSync, existsSync } from 'node:fs';

const ALLOWED = new Set(['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', 'MPL-2.0', '0BSD']);
// bpmn.io's packages say "SEE LICENSE IN LICENSE": MIT plus a visible watermark (DECISION_LOG.md)
const BPMN_IO = /bpmn\.io/i;

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const refused = [];
let checked = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  if (path === '' || !existsSync(`${path}/package.json`)) continue; // optional packages of other platforms
  const pkg = JSON.parse(readFileSync(`${path}/package.json`, 'utf8'));
  const licence = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type;
  checked++;
  if (acceptable(licence, path)) continue;
  refused.push(`${pkg.name}@${entry.version}: ${licence ?? 'no licence'}`);
}
if (refused.length) {
  console.error(`npm licence check: ${refused.length} package(s) outside the allowlist:\n  ${refused.join('\n  ')}`);
  process.exit(1);
}
console.log(`npm licence check: ${checked} packages, all allowed`);

function acceptable(licence, path) {
  if (!licence) return false;
  if (licence.startsWith('SEE LICENSE IN')) {
    const file = `${path}/${licence.slice('SEE LICENSE IN'.length).trim()}`;
    return existsSync(file) && BPMN_IO.test(readFileSync(file, 'utf8'));
  }
  // SPDX: "A OR B" needs one allowed side, "A AND B" both
  const expression = licence.replace(/[()]/g, '');
  if (expression.includes(' OR ')) return expression.split(' OR ').some(l => ALLOWED.has(l.trim()));
  return expression.split(' AND ').every(l => ALLOWED.has(l.trim()));
}
