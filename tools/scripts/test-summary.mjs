// Prints one closing line for the whole workspace: "Tests: N passed, N failed[, N skipped]".
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0,
  failed = 0,
  skipped = 0;
for (const group of ['apps', 'libs', 'tools']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const file = join(group, name, 'test-output', 'jest', 'summary.json');
    if (!existsSync(file)) continue;
    const s = JSON.parse(readFileSync(file, 'utf8'));
    passed += s.passed;
    failed += s.failed;
    skipped += s.skipped;
  }
}
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
