/*
 * Child process of test/zones.test.ts: assesses every fixture scenario, the bundled examples and
 * the zone-trap cases in this process's time zone (TZ is read at process start) and writes one
 * JSON object to stdout: per case, a SHA-256 of the whole assessment (or of the validation issues)
 * and a short summary (duty, person, status) for a readable failure message.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { safeAssess } from '../../src/index.js';
import { zoneTrapCases } from './zone-cases.js';

// (helpers/fixtures.ts uses vitest's __dirname, which a plain ES module does not have.)
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cases: { name: string; input: unknown }[] = [];
const fx = path.join(ROOT, 'fixtures');
for (const f of fs
  .readdirSync(fx)
  .filter((x) => x.endsWith('.json'))
  .sort()) {
  const list = JSON.parse(fs.readFileSync(path.join(fx, f), 'utf8')) as { name: string; case: unknown }[];
  for (const s of list) cases.push({ name: `${f}: ${s.name}`, input: s.case });
}
const ex = path.join(ROOT, 'examples');
for (const f of fs
  .readdirSync(ex)
  .filter((x) => x.endsWith('.json'))
  .sort()) {
  cases.push({ name: `examples/${f}`, input: JSON.parse(fs.readFileSync(path.join(ex, f), 'utf8')) as unknown });
}
for (const c of zoneTrapCases()) cases.push({ name: `zone trap: ${c.name}`, input: c.input });

// A fixed "today" for cases without an assessment date: the output must not depend on the clock.
const results = cases.map((c) => {
  const r = safeAssess(c.input, { today: '2026-11-28' });
  const full = JSON.stringify(r.success ? r.data : { error: r.error.issues });
  const summary = r.success
    ? r.data.duties.map((d) => `${d.duty}/${d.person}=${d.status}`).join(' ')
    : `invalid: ${r.error.issues.map((i) => i.path.join('.')).join(' ')}`;
  return { name: c.name, sha256: createHash('sha256').update(full).digest('hex'), summary };
});
process.stdout.write(`${JSON.stringify({ tz: process.env.TZ, zone: Intl.DateTimeFormat().resolvedOptions().timeZone, results })}\n`);
