import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

// The packed package, installed into an empty folder, works from ESM, from CommonJS and as
// `npx za-duties`. Needs the build (`npm test` runs it first); the dependencies come from the
// npm cache where possible.

const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir: string;
let tarball: string;
let packedFiles: string[] = [];

beforeAll(async () => {
  for (const f of ['dist/index.js', 'dist/index.cjs', 'dist/cli.js', 'schemas/input.schema.json']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first (npm test does)`);
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'za-duties-pack-'));
  const { stdout } = await exec(npm, ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const info = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(dir, (info[0] as { filename: string }).filename);
  packedFiles = (info[0] as { files: { path: string }[] }).files.map((f) => f.path);
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  await exec(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], {
    cwd: app,
    maxBuffer: 16 * 1024 * 1024,
  });
  fs.copyFileSync(path.join(ROOT, 'examples', 'mitchells-plain.json'), path.join(app, 'example.json'));
}, 180_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const app = () => path.join(dir, 'app');

describe('the packed package', () => {
  it('ships the build, the rules and the JSON Schemas, and no sources or tests', () => {
    for (const f of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.js', 'package.json'])
      expect(packedFiles).toContain(f);
    for (const e of ['json-rules-engine', 'vocabulary', 'http'])
      for (const x of ['js', 'cjs', 'd.ts', 'd.cts']) expect(packedFiles).toContain(`dist/${e}.${x}`);
    for (const n of ['input', 'output', 'check']) expect(packedFiles).toContain(`schemas/${n}.schema.json`);
    expect(packedFiles.some((f) => f.startsWith('rules/'))).toBe(true);
    expect(packedFiles.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('bench/'))).toBe(false);
  });

  it('works from ESM: import { assess }', async () => {
    fs.writeFileSync(
      path.join(app(), 'esm.mjs'),
      `import { assess, checkCompliance } from 'za-reporting-duties';
import fs from 'node:fs';
const a = assess(JSON.parse(fs.readFileSync('example.json', 'utf8')));
const c = checkCompliance({ case: JSON.parse(fs.readFileSync('example.json', 'utf8')), actions: [{ recipient: 'police', date: '2026-11-21' }] });
console.log(JSON.stringify({ overlaps: a.overlaps.map((o) => [o.id, o.person, o.status]), compliant: c.compliant }));
`,
    );
    const { stdout } = await exec(process.execPath, ['esm.mjs'], { cwd: app() });
    expect(JSON.parse(stdout)).toEqual({
      overlaps: [
        ['dva-report', 'child-a', 'applies'],
        ['dva-report', 'child-b', 'applies'],
      ],
      compliant: true,
    });
  });

  it('works from CommonJS: require()', async () => {
    fs.writeFileSync(
      path.join(app(), 'cjs.cjs'),
      `const { assess, isValidationError, safeAssess } = require('za-reporting-duties');
const a = assess(require('./example.json'));
const bad = safeAssess({ people: [] });
const schema = require('za-reporting-duties/schemas/input.schema.json');
console.log(JSON.stringify({ duties: a.duties.length, bad: !bad.success && isValidationError(bad.error), schema: schema.title }));
`,
    );
    const { stdout } = await exec(process.execPath, ['cjs.cjs'], { cwd: app() });
    expect(JSON.parse(stdout)).toEqual({ duties: 33, bad: true, schema: 'CaseInput' });
  });

  it('serves the subpaths from ESM and CommonJS: json-rules-engine and vocabulary', async () => {
    fs.writeFileSync(
      path.join(app(), 'sub.mjs'),
      `import { createEngine, caseFacts } from 'za-reporting-duties/json-rules-engine';
import { HARMS } from 'za-reporting-duties/vocabulary';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const cjs = require('za-reporting-duties/json-rules-engine');
const c = JSON.parse((await import('node:fs')).readFileSync('example.json', 'utf8'));
const engine = createEngine({ lawAsAt: '2026-11-20' });
const f = caseFacts(c);
const { events } = await engine.run(f[0].facts);
console.log(JSON.stringify({ harms: HARMS.length, entries: f.length, fired: Array.isArray(events), cjs: typeof cjs.createEngine, vocab: require('za-reporting-duties/vocabulary').DUTY_IDS.length }));
`,
    );
    const { stdout } = await exec(process.execPath, ['sub.mjs'], { cwd: app() });
    expect(JSON.parse(stdout)).toEqual({ harms: 16, entries: 3, fired: true, cjs: 'function', vocab: 11 });
  });

  it('mounts the request handler from za-reporting-duties/http (ESM and CommonJS)', async () => {
    fs.writeFileSync(
      path.join(app(), 'http.mjs'),
      `import http from 'node:http';
import { createHandler } from 'za-reporting-duties/http';
import { createRequire } from 'node:module';
const cjs = createRequire(import.meta.url)('za-reporting-duties/http');
const server = http.createServer(createHandler());
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const res = await fetch('http://127.0.0.1:' + server.address().port + '/healthz');
const body = await res.json();
server.close();
console.log(JSON.stringify({ status: body.status, header: res.headers.get('za-duties-rules-hash') === body.rulesHash, cjs: typeof cjs.createHandler }));
`,
    );
    const { stdout } = await exec(process.execPath, ['http.mjs'], { cwd: app() });
    expect(JSON.parse(stdout)).toEqual({ status: 'ok', header: true, cjs: 'function' });
  });

  it('works as npx za-duties assess <example>', async () => {
    const { stdout } = await exec(npm, ['exec', '--no', '--', 'za-duties', 'assess', 'example.json'], { cwd: app() });
    const a = JSON.parse(stdout) as { caseId: string; duties: { duty: string; person: string; status: string }[] };
    expect(a.caseId).toBe('example-mitchells-plain');
    expect(a.duties.find((d) => d.duty === 'dva-s2B' && d.person === 'child-a')?.status).toBe('may_apply');
    const text = await exec(npm, ['exec', '--no', '--', 'za-duties', 'assess', 'example.json', '--format', 'text'], { cwd: app() });
    expect(text.stdout).toContain('YOU MUST REPORT');
  });

  it('npx za-duties exits 2 on a missing file', async () => {
    const err = await exec(npm, ['exec', '--no', '--', 'za-duties', 'assess', 'missing.json'], { cwd: app() }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toContain('file not found: missing.json');
  });
});
