// Prints one short paragraph per failed test from Playwright's JSON report: CI shows only the tail
// of the output, so the reasons must come last and be brief. Usage: node digest.mjs report.json
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const strip = (s) => s.replace(/\u001b\[[0-9;]*m/g, '');
const lines = [];
function walk(suite, path) {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      const last = t.results?.[t.results.length - 1];
      if (!last || t.status === 'expected' || t.status === 'skipped') continue;
      const err = strip(last.error?.message ?? last.status ?? 'failed')
        .split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('Call log'))
        .slice(0, 4).map((l) => l.slice(0, 200));
      const at = last.error?.location ? `${last.error.location.file.replace(/.*end2end\//, '')}:${last.error.location.line}` : spec.file;
      lines.push(`- [${t.projectName}] ${[...path, spec.title].join(' › ')} (${t.status}, at ${at})`);
      for (const l of err) lines.push(`    ${l}`);
    }
  }
  for (const s of suite.suites ?? []) walk(s, s.title && !s.title.endsWith('.ts') ? [...path, s.title] : path);
}
for (const s of report.suites ?? []) walk(s, []);
if (lines.length) console.log(['e2e failures:', ...lines.slice(0, 40)].join('\n'));
