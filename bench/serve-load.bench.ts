/*
 * `za-duties serve` under hostile load, with its default limits: (a) 50 autocannon connections
 * posting ordinary cases; (b) the same 50, plus 200 idle sockets that never send a byte (each
 * reconnects when the server closes it) and 30 clients that post the largest case the server
 * takes with `?full=1` and never read the answer. Throughout, /healthz is probed every 100 ms (2 s timeout) and the server's RSS is sampled
 * every 50 ms; the peak is the kernel's high-water mark (VmHWM). Loopback only; bounded in count
 * and time.
 *
 * Run: tsx bench/serve-load.bench.ts after npm run build (npm run bench runs it too).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { note, report, ROOT } from './cases.js';

const DURATION = Number(process.env.BENCH_SERVE_SECONDS ?? 10);
const CONNECTIONS = 50;
const IDLE = 200;
const NON_READERS = 30;
const CLI = process.env.BENCH_CLI ?? path.join(ROOT, 'dist', 'cli.js');

/**
 * The largest case the server takes by default (50 people, 100 concerns) in the shape with the
 * largest full answer (nothing known about the reporter or the alleged perpetrators): ~4.1 MB.
 */
function largeCase(): string {
  const harms = [
    'physical_abuse',
    'sexual_abuse',
    'exposure_to_domestic_violence',
    'neglect',
    'emotional_abuse',
    'trafficking',
    'sexual_exploitation',
  ];
  const people = Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, ageYears: i % 2 ? 9 : 40 }));
  const concerns = Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, victim: `p${i % 50}`, harm: harms[i % harms.length] }));
  return JSON.stringify({ assessmentDate: '2026-11-28', people, concerns });
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0);
  return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

function startServer(): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString('utf8');
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(err);
      if (m?.[1]) resolve({ child, url: m[1], port: Number(m[2]) });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number);
}

/** Probes /healthz every 100 ms until stopped. */
function healthProbe(port: number) {
  const latencies: number[] = [];
  const failedAtMs: number[] = [];
  let failed = 0;
  let stopped = false;
  const started = performance.now();
  const loop = async () => {
    while (!stopped) {
      const t0 = performance.now();
      const ok = await new Promise<boolean>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 2000 }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 200));
        });
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(false));
      });
      if (ok) latencies.push(performance.now() - t0);
      else {
        failed++;
        failedAtMs.push(Math.round(t0 - started));
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const done = loop();
  return {
    async stop() {
      stopped = true;
      await done;
      return {
        probes: latencies.length + failed,
        failed,
        failedAtMs,
        p99Ms: percentile(latencies, 99),
        maxMs: Math.round(Math.max(0, ...latencies)),
      };
    },
  };
}

/** Idle sockets that never send anything; each reconnects when the server closes it. */
function idleSockets(port: number, n: number) {
  let closedByServer = 0;
  let stopped = false;
  const open = new Set<net.Socket>();
  const one = () => {
    if (stopped) return;
    const s = net.connect(port, '127.0.0.1');
    open.add(s);
    s.on('error', () => undefined);
    s.on('close', () => {
      open.delete(s);
      if (!stopped) {
        closedByServer++;
        setTimeout(one, 10);
      }
    });
  };
  for (let i = 0; i < n; i++) one();
  return {
    stop() {
      stopped = true;
      for (const s of open) s.destroy();
      return closedByServer;
    },
  };
}

/** Clients that post the large case for its full answer and never read (a paused socket never sees the server close it). */
function nonReaders(port: number, n: number, body: string) {
  let stopped = false;
  const open = new Set<net.Socket>();
  const request = `POST /assess?full=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const one = () => {
    if (stopped) return;
    const s = net.connect(port, '127.0.0.1', () => s.write(request));
    s.pause(); // never read
    open.add(s);
    s.on('error', () => undefined);
    s.on('close', () => open.delete(s));
  };
  for (let i = 0; i < n; i++) one();
  return {
    stop() {
      stopped = true;
      for (const s of open) s.destroy();
    },
  };
}

async function scenario(name: string, hostile: boolean, body: string, large: string) {
  const { child, url, port } = await startServer();
  const pid = child.pid as number;
  await autocannon({
    url: `${url}/assess`,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections: 10,
    duration: 2,
  }); // warm up
  let peakSampled = 0;
  const sampler = setInterval(() => {
    try {
      peakSampled = Math.max(peakSampled, rssOf(pid).rss);
    } catch {
      /* the process is gone */
    }
  }, 50);
  const health = healthProbe(port);
  const idle = hostile ? idleSockets(port, IDLE) : undefined;
  const readers = hostile ? nonReaders(port, NON_READERS, large) : undefined;
  const r = await autocannon({
    url: `${url}/assess`,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections: CONNECTIONS,
    duration: DURATION,
  });
  const idleClosed = idle?.stop();
  readers?.stop();
  const h = await health.stop();
  clearInterval(sampler);
  const { hwm } = rssOf(pid);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  const row = {
    scenario: name,
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    statusCodes: codes,
    errors: r.errors,
    timeouts: r.timeouts,
    healthz: h,
    peakRssMB: Math.round(Math.max(hwm, peakSampled) / 2 ** 20),
    ...(hostile ? { idleSockets: IDLE, idleClosedByServer: idleClosed, nonReaders: NON_READERS } : {}),
  };
  note(`serve-load.bench: ${JSON.stringify(row)}`);
  return row;
}

async function main() {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
  const body = fs.readFileSync(path.join(ROOT, 'examples', 'teacher-injured-child.json'), 'utf8');
  const large = largeCase();
  const results = [
    await scenario(`(a) ${CONNECTIONS} connections, ordinary cases`, false, body, large),
    await scenario(
      `(b) the same, plus ${IDLE} idle sockets and ${NON_READERS} clients that never read a ~4.1 MB ?full=1 answer`,
      true,
      body,
      large,
    ),
  ];
  report({ bench: 'serve-load', connections: CONNECTIONS, seconds: DURATION, results });
}

await main();
