/*
 * `za-duties serve` under load: autocannon on loopback, 50 connections, 10 s, POST /assess with
 * a scenario case (the compact answer, as served by default) and GET /healthz (the HTTP layer
 * alone, for reference). Reports requests per second and p99 latency. The server runs as its own
 * process (node dist/cli.js serve --port 0), as it would in use.
 *
 * Run: npm run bench (or tsx bench/serve.bench.ts after npm run build).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { note, report, ROOT } from './cases.js';

const DURATION = Number(process.env.BENCH_SERVE_SECONDS ?? 10);
const CONNECTIONS = 50;
const CLI = path.join(ROOT, 'dist', 'cli.js');

async function main() {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
  const server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    server.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
      const m = /listening on (http:\/\/[^ ]+)/.exec(err);
      if (m?.[1]) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const body = fs.readFileSync(path.join(ROOT, 'examples', 'mitchells-plain.json'), 'utf8');
  const teacher = fs.readFileSync(path.join(ROOT, 'examples', 'teacher-injured-child.json'), 'utf8');
  const targets = [
    { name: 'POST /assess (one child, compact)', url: `${url}/assess`, method: 'POST', body: teacher },
    { name: "POST /assess (Mitchell's Plain, 3 at risk, compact)", url: `${url}/assess`, method: 'POST', body },
    { name: 'GET /healthz (HTTP layer only)', url: `${url}/healthz`, method: 'GET' },
  ];
  const results: Record<string, unknown>[] = [];
  // Warm up the server (JIT, caches).
  await autocannon({
    url: `${url}/assess`,
    method: 'POST',
    body: teacher,
    headers: { 'content-type': 'application/json' },
    connections: 10,
    duration: 2,
  });
  for (const t of targets) {
    const r = await autocannon({
      url: t.url,
      method: t.method,
      connections: CONNECTIONS,
      duration: DURATION,
      ...(t.body ? { body: t.body, headers: { 'content-type': 'application/json' } } : {}),
    });
    const row = {
      target: t.name,
      requestsPerSecond: Math.round(r.requests.average),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      maxMs: r.latency.max,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      total: r.requests.total,
    };
    note(`serve.bench: ${JSON.stringify(row)}`);
    results.push(row);
  }
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
  report({ bench: 'serve', connections: CONNECTIONS, seconds: DURATION, results });
}

await main();
