/**
 * The trainer site in a real browser: builds docs/site (the API reference is reused when it is
 * newer than src/), serves it on 127.0.0.1 and drives Chromium with playwright-core: CHROMIUM_PATH,
 * else /usr/bin/chromium, else the build shipped in the @sparticuz/chromium devDependency
 * (test/helpers/browser.ts). Screenshots go to test-artifacts/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Generous limits: on a loaded two-core machine (CI runs the other suites alongside) a click can
// take seconds. These are limits, not timing assertions.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });
import { assess, type CaseInput } from '../src/index.js';
import { chromiumExecutable } from './helpers/browser.js';

const ROOT = path.resolve(__dirname, '..');
const SITE = path.join(ROOT, 'docs/site');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const MITCHELLS_PLAIN = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/mitchells-plain.json'), 'utf8')) as CaseInput;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

let server: http.Server;
let base: string;
let browser: Browser;

function serve(): Promise<http.Server> {
  const s = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(SITE, p);
    if (!file.startsWith(SITE + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

/** Records console errors, page errors, failed requests and requests outside the site. */
function watch(page: Page): { problems: string[]; requests: string[] } {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? ''})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    requests.push(url);
    if (!url.startsWith(base) && !url.startsWith('file:') && !url.startsWith('data:')) problems.push(`request outside the site: ${url}`);
  });
  return { problems, requests };
}

async function watchedPage(context: BrowserContext): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const page = await context.newPage();
  return { page, ...watch(page) };
}

/** Every HTML file of the site, as paths from the site root. */
function htmlFiles(dir = SITE): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(p);
    return e.name.endsWith('.html') ? [path.relative(SITE, p).split(path.sep).join('/')] : [];
  });
}

/** Links (href/src) and element ids of an HTML file, read from its markup. */
function scan(rel: string): { links: string[]; ids: Set<string> } {
  const text = fs.readFileSync(path.join(SITE, rel), 'utf8');
  const attr = (name: string) =>
    [...text.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => (m[1] as string).replace(/&amp;/g, '&'));
  const links = [...attr('href'), ...attr('src')];
  return { links, ids: new Set([...attr('id'), ...attr('name')]) };
}

/** The TypeDoc pages rendered in the browser: the index and one page of each kind (they share their scripts). */
function apiSample(files: readonly string[]): string[] {
  const api = files.filter((f) => f.startsWith('api/'));
  const kinds = new Map<string, string>();
  for (const f of api) {
    const kind = f.split('/').length > 2 ? (f.split('/')[1] as string) : f;
    if (!kinds.has(kind)) kinds.set(kind, f);
  }
  return [...kinds.values()];
}

beforeAll(async () => {
  const chromiumBinary = await chromiumExecutable();
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'docs/build/build.ts', '--api-if-stale'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run docs failed:\n${built.stdout}\n${built.stderr}`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve();
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: chromiumBinary.executablePath, env: chromiumBinary.env, args: CHROMIUM_ARGS });
  const open = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const c = await open(...args);
    c.setDefaultTimeout(120_000);
    c.setDefaultNavigationTimeout(120_000);
    return c;
  };
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** Accessibility checks a page must pass (run in the page). */
function auditInPage(): string[] {
  const out: string[] = [];
  if (document.documentElement.lang !== 'en-ZA') out.push(`lang is "${document.documentElement.lang}", not en-ZA`);
  for (const sel of ['header', 'nav', 'main', 'footer']) if (!document.querySelector(sel)) out.push(`no <${sel}> landmark`);
  const hs = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')];
  if (document.querySelectorAll('h1').length !== 1) out.push(`${document.querySelectorAll('h1').length} h1 elements`);
  let prev = 0;
  for (const h of hs) {
    const n = Number(h.tagName.slice(1));
    if (n > prev + 1) out.push(`heading level skips from h${prev} to h${n}: "${(h.textContent ?? '').trim().slice(0, 60)}"`);
    prev = n;
  }
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const c = el as HTMLInputElement;
    if (c.type === 'hidden') continue;
    if (!(c.labels && c.labels.length > 0) && !c.getAttribute('aria-label')) out.push(`form control without a label: ${c.id || c.name}`);
  }
  for (const t of document.querySelectorAll('main table')) {
    if (t.querySelectorAll('th').length === 0) out.push('table without header cells');
    for (const th of t.querySelectorAll('th'))
      if (!th.getAttribute('scope')) out.push(`th without scope: "${(th.textContent ?? '').trim().slice(0, 40)}"`);
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) out.push('img without alt');
  const ids = new Map<string, number>();
  for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) out.push(`id "${id}" used ${n} times`);
  return out;
}

describe('the trainer site', () => {
  let files: string[] = [];
  const rendered = new Map<string, { problems: readonly string[]; a11y: readonly string[] }>();

  beforeAll(async () => {
    files = htmlFiles();
    const ours = files.filter((f) => !f.startsWith('api/'));
    const context = await browser.newContext({ locale: 'en-ZA' });
    const page = await context.newPage();
    const w = watch(page);
    for (const f of [...ours, ...apiSample(files)]) {
      w.problems.length = 0;
      await page.goto(`${base}${f}`, { waitUntil: 'load' });
      const a11y = f.startsWith('api/') ? [] : await page.evaluate(auditInPage);
      rendered.set(f, { problems: [...w.problems], a11y });
    }
    await context.close();
  });

  it('has every page: duties, worked scenarios, comparison, changes, try-it, API reference', () => {
    for (const p of [
      'index.html',
      'compare.html',
      'changes.html',
      'try.html',
      'interpretation.html',
      'scenarios/mitchells-plain.html',
      'scenarios/library.html',
      'api/index.html',
    ]) {
      expect(files).toContain(p);
    }
    for (const id of [
      'dva-s2A',
      'dva-s2B',
      'ca-s110-1',
      'ca-s110-2',
      'ca-s110-4',
      'soa-s54-1',
      'soa-s54-2',
      'opa-s26',
      'tip-s18',
      'tip-s19',
      'fpa-s24B',
    ]) {
      expect(files).toContain(`duties/${id}.html`);
    }
  });

  it('renders every page (TypeDoc: one of each kind) without console errors, failed requests or requests outside the site', () => {
    expect(rendered.size).toBeGreaterThan(20);
    const bad = [...rendered].flatMap(([f, r]) => r.problems.map((p) => `${f}: ${p}`));
    expect(bad).toEqual([]);
  });

  it('has no broken internal link, anchor or asset, and no page that nothing links to', () => {
    const scans = new Map(files.map((f) => [f, scan(f)]));
    const broken: string[] = [];
    const linked = new Set<string>(['index.html']);
    for (const [from, { links }] of scans) {
      for (const href of links) {
        if (/^(https?:|mailto:|data:|javascript:)/.test(href) || href === '' || href === '#') continue;
        const url = new URL(href, `${base}${from}`);
        if (!url.href.startsWith(base)) continue;
        const rel = decodeURIComponent(url.pathname).slice(1);
        const file = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
        if (!fs.existsSync(path.join(SITE, file))) {
          broken.push(`${from} → ${href} (no such file)`);
          continue;
        }
        if (file !== from) linked.add(file);
        const fragment = decodeURIComponent(url.hash.slice(1));
        // A case in the link (#case=…) is data for the page's script, not an anchor.
        if (fragment && !fragment.startsWith('case=') && file.endsWith('.html') && !scans.get(file)?.ids.has(fragment))
          broken.push(`${from} → ${href} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
    expect(files.filter((f) => !linked.has(f) && !f.startsWith('api/'))).toEqual([]);
  });

  it('is accessible: lang en-ZA, landmarks, one h1, headings in order, labelled controls, table headers with scope, unique ids', () => {
    const bad = [...rendered].flatMap(([f, r]) => r.a11y.map((p) => `${f}: ${p}`));
    expect(bad).toEqual([]);
  });

  it('fits a 390 px phone on every page: nothing scrolls sideways, and the navigation folds behind a Menu button', async () => {
    const context = await browser.newContext({ locale: 'en-ZA', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const wide: string[] = [];
    for (const f of [...files.filter((x) => !x.startsWith('api/')), ...apiSample(files)]) {
      await page.goto(`${base}${f}`, { waitUntil: 'load' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${f}: ${width} px`);
    }
    expect(wide).toEqual([]);
    await page.goto(`${base}duties/dva-s2B.html`);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('.site-header nav ul').isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('.site-header nav a[href="../glossary.html"]').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'docs-phone-menu.png') });
    await context.close();
  });

  it('shows no file of the project in any page’s text: no scratch paths, law-digest references or rule-file names', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const page = await context.newPage();
    const internal =
      /\/tmp\/|shared\/(?:sources|law)|gaps\.md|digest\.md|\brules\/[\w/.-]+|\bfixtures\/|\bdocs\/[\w-]+\.(?:json|md)|\bsrc\/\w/;
    const found: string[] = [];
    for (const f of files.filter((x) => !x.startsWith('api/'))) {
      await page.goto(`${base}${f}`, { waitUntil: 'load' });
      const text = await page.evaluate(
        () => document.body.innerText + ' ' + [...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title')).join(' '),
      );
      const m = internal.exec(text);
      if (m) found.push(`${f}: …${text.slice(Math.max(0, m.index - 60), m.index + 40)}…`);
    }
    // The assessments the browser renders too (try-it, interview, report) come from the same data.
    await page.goto(`${base}report.html${fragmentOf(MITCHELLS_PLAIN)}`);
    await page.locator('section.report').waitFor();
    await page.goto(`${base}try.html${fragmentOf(MITCHELLS_PLAIN)}`);
    await page.locator('#results .assessment').waitFor();
    const tried = await page.evaluate(() => document.body.innerText);
    if (internal.test(tried)) found.push(`try.html with the Mitchell's Plain case: ${internal.exec(tried)?.[0] ?? ''}`);
    expect(found).toEqual([]);
    await context.close();
  });

  it('writes prose without duty ids or raw codes, on every page and in the assessments the browser renders', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const page = await context.newPage();
    const codes = /\b(?:dva-s2[AB]|ca-s110-[124]|soa-s54-[12]|opa-s26|tip-s1[89]|fpa-s24B)\b|\b[a-z]+_[a-z]+(?:_[a-z]+)*\b/;
    const proseOf = () => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.querySelector('main') as Node, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement?.closest('code, pre, script, details.case-json')) continue;
        out.push(n.textContent ?? '');
      }
      return out.join(' ');
    };
    const found: string[] = [];
    const pages = [
      ...files.filter((x) => !x.startsWith('api/') && x !== 'cli.html' && x !== 'developers.html'),
      `try.html${fragmentOf(MITCHELLS_PLAIN)}`,
      `report.html${fragmentOf(MITCHELLS_PLAIN)}`,
    ];
    for (const f of pages) {
      await page.goto(`${base}${f}`, { waitUntil: 'load' });
      if (f.startsWith('try.html#')) await page.locator('#results .assessment').waitFor();
      if (f.startsWith('report.html#')) await page.locator('section.report').waitFor();
      const text = await page.evaluate(proseOf);
      const m = codes.exec(text);
      if (m) found.push(`${f.split('#')[0] as string}: …${text.slice(Math.max(0, m.index - 50), m.index + 30)}…`);
    }
    expect(found).toEqual([]);
    await context.close();
  });

  it('links the first use of a term to the glossary, which explains it', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const page = await context.newPage();
    await page.goto(`${base}duties/dva-s2A.html`);
    const functionary = page.locator('main a.term[href="../glossary.html#functionary"]');
    expect(await functionary.count()).toBe(1);
    // The first use in the page's running text is the link.
    const first = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('main') as Node, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (
          /functionary/i.test(n.textContent ?? '') &&
          !n.parentElement?.closest('h1, h2, h3, h4, a, code, blockquote, caption, dt, summary, label, legend')
        )
          return 'unlinked text first';
        if (/functionary/i.test(n.textContent ?? '') && n.parentElement?.closest('a.term')) return 'link first';
      }
      return 'none';
    });
    expect(first).toBe('link first');
    await functionary.click();
    await page.waitForURL(/glossary\.html#functionary$/);
    expect(await page.locator('dt#functionary + dd').textContent()).toMatch(/not been verified/);
    for (const id of [
      'complainant',
      'designated-child-protection-organisation',
      'domestic-relationship',
      'concludes',
      'reasonable-grounds',
      'exposure',
      'physical-abuse',
      'economic-abuse',
    ]) {
      expect(await page.locator(`dt#${id}`).count(), id).toBe(1);
    }
    // Scenario pages link their terms too.
    await page.goto(`${base}scenarios/mitchells-plain.html`);
    expect(
      await page
        .locator('main a.term[href="../glossary.html#domestic-relationship"], main a.term[href="../glossary.html#exposure"]')
        .count(),
    ).toBeGreaterThan(0);
    expect(await page.evaluate(auditInPage)).toEqual([]);
    await context.close();
  });

  it('has a focus ring with at least 3:1 contrast against the page', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const page = await context.newPage();
    await page.goto(`${base}index.html`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const ratio = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const cs = getComputedStyle(el);
      const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => {
          const x = v / 255;
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r ?? 0) + 0.7152 * f(g ?? 0) + 0.0722 * f(b ?? 0);
      };
      let bgEl: HTMLElement | null = el.parentElement;
      let bg = 'rgba(0, 0, 0, 0)';
      while (bgEl && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) {
        bg = getComputedStyle(bgEl).backgroundColor;
        bgEl = bgEl.parentElement;
      }
      if (/rgba\(0, 0, 0, 0\)|transparent/.test(bg)) bg = 'rgb(255, 255, 255)';
      const [a, b] = [lum(parse(cs.outlineColor)), lum(parse(bg))];
      return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
    });
    expect(ratio.style).not.toBe('none');
    expect(ratio.width).toBeGreaterThanOrEqual(2);
    expect(ratio.ratio).toBeGreaterThanOrEqual(3);
    await context.close();
  });

  it('keeps the developer reference apart, with its own navigation', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const page = await context.newPage();
    await page.goto(`${base}index.html`);
    const trainerNav = await page.locator('.site-header nav a').allTextContents();
    expect(trainerNav).toContain('Guided interview');
    expect(trainerNav).toContain('Glossary');
    expect(trainerNav).not.toContain('Command line');
    expect(trainerNav).not.toContain('API reference');
    await page.goto(`${base}cli.html`);
    expect(await page.locator('.site-header nav').getAttribute('aria-label')).toBe('Developer reference');
    const devNav = await page.locator('.site-header nav a').allTextContents();
    expect(devNav).toEqual(expect.arrayContaining(['Command line', 'API reference', 'Trainer site']));
    expect(devNav).not.toContain('Guided interview');
    await context.close();
  });

  it('forbids connections and loads nothing from outside on every page of its own', () => {
    for (const f of files.filter((x) => !x.startsWith('api/'))) {
      const text = fs.readFileSync(path.join(SITE, f), 'utf8').replace(/&#39;/g, "'");
      expect(text, f).toMatch(/http-equiv="Content-Security-Policy" content="[^"]*connect-src 'none'/);
      expect(text, f).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
    }
  });
});

describe('a duty page', () => {
  it('shows the statute, in-force dates, labels, notes and examples with the library’s own answer', async () => {
    const context = await browser.newContext({ locale: 'en-ZA', viewport: { width: 1280, height: 1000 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${base}duties/ca-s110-1.html`);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/Listed professionals/);
    expect(await page.locator('blockquote.statute').first().textContent()).toMatch(/on reasonable grounds concludes/);
    expect(await page.locator('table.versions').textContent()).toMatch(/1 April 2010/);
    // Form 22 rests on a secondary source and is labelled so.
    expect(await page.locator('dt:has-text("Which form") + dd').textContent()).toMatch(/Form 22[\s\S]*secondary source/);
    // No penalty is shown as settled.
    expect(await page.locator('dt:has-text("If you do not report") + dd').textContent()).toMatch(/No penalty figure shown/);
    // Examples on both sides, each with its reasoning.
    expect(await page.locator('#ex-applies').count()).toBe(1);
    expect(await page.locator('#ex-does_not_apply').count()).toBe(1);
    expect(await page.locator('li.example[data-status="does_not_apply"] .reasoning').count()).toBeGreaterThan(0);
    // On a wide screen the statute's current text stands beside the plain-language summary.
    const summary = await page.locator('.beside > div').boundingBox();
    const statute = await page.locator('.beside .current-text blockquote').boundingBox();
    expect(summary && statute && statute.x > summary.x + summary.width - 1 && statute.y < summary.y + summary.height).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'docs-duty-ca-s110-1.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header nav').isVisible()).toBe(false);
    expect(await page.locator('main h1').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'docs-duty-ca-s110-1-print.png') });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens “What changed” with the story in a few dated sentences', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const page = await context.newPage();
    await page.goto(`${base}changes.html`);
    const first = page.locator('ul.story li').first();
    expect(await first.textContent()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}: .+ (took effect|was amended|were amended)\./);
    expect(
      await page.evaluate(
        () =>
          (document.querySelector('ul.story') as Element).compareDocumentPosition(document.querySelector('table.timeline') as Element) &
          Node.DOCUMENT_POSITION_FOLLOWING,
      ),
    ).toBeTruthy();
    await context.close();
  });

  it('curates its examples: the worked scenarios first, a handful per status, the boundary cases folded away', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${base}duties/dva-s2B.html`);
    const worked = page.locator('ul.worked-examples li', { hasText: "Mitchell's Plain" });
    expect(await worked.textContent()).toMatch(/Domestic Violence Act report is required either way for Kayla, 5 and Jayden, 3/);
    for (const list of await page.locator('section[aria-labelledby^="ex-"] > ul.examples').all()) {
      expect(await list.locator(':scope > li').count()).toBeLessThanOrEqual(3);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says an unverified statement is unverified, in words', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${base}duties/dva-s2B.html`);
    const form = page.locator('dt:has-text("Which form") + dd');
    expect(await form.locator('.stmt-unverified').textContent()).toMatch(/^Unverified:/);
    expect(await form.locator('.v-unverified').textContent()).toMatch(/unverified/);
    expect(problems).toEqual([]);
    await context.close();
  });
});

/** Statuses the try-it page shows: `duty|person` → status. */
async function shownStatuses(page: Page, within = '#results'): Promise<Record<string, string>> {
  return page.evaluate((sel) => {
    const out: Record<string, string> = {};
    for (const el of document.querySelectorAll(`${sel} [data-duty][data-person][data-status]`)) {
      out[`${el.getAttribute('data-duty')}|${el.getAttribute('data-person')}`] = el.getAttribute('data-status') as string;
    }
    return out;
  }, within);
}

describe('the try-it page', () => {
  it('with the Mitchell’s Plain case, shows the DVA report for the children and that Form 22 is not mandatory for exposure alone', async () => {
    const context = await browser.newContext({ locale: 'en-ZA', viewport: { width: 1280, height: 1600 } });
    const { page, problems, requests } = await watchedPage(context);
    await page.goto(`${base}try.html`);
    const loaded = requests.length;
    await page.getByRole('button', { name: "Load the Mitchell's Plain example" }).click();
    expect(await page.locator('#p0-id').inputValue()).toBe('mother');
    await page.getByRole('button', { name: 'Assess the case' }).click();
    await page.locator('#results .assessment').waitFor();

    for (const child of ['child-a', 'child-b']) {
      const section = page.locator(`#results section.person[data-person="${child}"]`);
      const dva = section.locator('[data-overlap="dva-report"]');
      expect(await dva.getAttribute('data-status')).toBe('applies');
      expect(await dva.isVisible()).toBe(true);
      expect(await dva.textContent()).toMatch(/Applies: you must report[\s\S]*Domestic Violence Act report is required either way/);
      expect(await section.locator('[data-duty="dva-s2A"]').getAttribute('data-status')).toBe('may_apply');
      expect(await section.locator('[data-duty="dva-s2B"]').getAttribute('data-status')).toBe('may_apply');
      const form22 = section.locator('[data-duty="ca-s110-1"]');
      expect(await form22.getAttribute('data-status')).toBe('does_not_apply');
      expect(await form22.isVisible()).toBe(true);
      expect(await form22.textContent()).toMatch(/Does not apply[\s\S]*Form 22 is not mandatory/);
    }
    const notMandatory = page.locator('#results [data-guidance="form-22-not-mandatory-exposure"]');
    expect(await notMandatory.isVisible()).toBe(true);
    expect(await notMandatory.textContent()).toMatch(/Form 22 is not the mandatory route/);
    expect(await page.locator('#results [data-guidance="form-22"]').count()).toBe(0);
    expect(await page.locator('#results section.person[data-person="mother"] .none-apply').textContent()).toMatch(
      /No reporting duty applies for mother/,
    );
    // The questions and the survivor-centred guidance are shown too.
    expect(await page.locator('#results ol.questions').textContent()).toMatch(/functionary/);
    expect(await page.locator('#results [data-guidance="talk-with-survivor"]').isVisible()).toBe(true);

    // The browser ran the same library: every status matches assess() in Node.
    const expected = Object.fromEntries(assess(MITCHELLS_PLAIN).duties.map((d) => [`${d.duty}|${d.person}`, d.status]));
    expect(await shownStatuses(page)).toEqual(expected);

    // Links in the results lead somewhere: anchors on the page, duty pages in the site.
    const links = await page.evaluate(() =>
      [...document.querySelectorAll('#results a[href]')].map((a) => a.getAttribute('href') as string),
    );
    expect(links.length).toBeGreaterThan(10);
    for (const href of links) {
      if (href.startsWith('#')) expect(await page.locator(`[id="${href.slice(1)}"]`).count(), href).toBe(1);
      else if (!/^https?:/.test(href)) expect(fs.existsSync(path.join(SITE, href.split('#')[0] as string)), href).toBe(true);
    }

    // No data left the page: no request after loading, nothing stored.
    expect(requests.slice(loaded)).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
    expect(await page.evaluate(auditInPage)).toEqual([]);
    expect(problems).toEqual([]);

    await page.evaluate(() => window.scrollTo(0, (document.querySelector('#results') as HTMLElement).offsetTop));
    await page.screenshot({ path: path.join(ARTIFACTS, 'docs-try-it-mitchells-plain.png') });
    await page
      .locator('#results section.person[data-person="child-a"]')
      .screenshot({ path: path.join(ARTIFACTS, 'docs-try-it-child-a.png') });
    await context.close();
  });

  it('runs a case typed into the form: an adult neighbour must report a child’s exposure under DVA s2B', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${base}try.html`);
    await page.getByLabel('Your role').selectOption('member_of_public');
    await page.getByLabel('Your age').fill('45');
    await page.locator('#p0-id').fill('child-a');
    await page.locator('#p0-ageYears').fill('6');
    await page.getByRole('button', { name: 'Add a person' }).click();
    const second = page.locator('fieldset[data-row="person"]').nth(1);
    await second.getByLabel('Label').fill('father');
    await second.getByLabel('Or age in years').fill('38');
    const concern = page.locator('fieldset[data-row="concern"]').first();
    await concern.getByLabel('Label').fill('c1');
    await concern.getByLabel('Who was harmed').selectOption('child-a');
    await concern.getByLabel('Harm', { exact: true }).selectOption('exposure_to_domestic_violence');
    await concern.getByLabel('Alleged by').selectOption('father');
    await concern.getByLabel('Their relationship to the person harmed').selectOption('parent');
    await concern.getByLabel('What it rests on').selectOption('reasonable_belief');
    await page.getByRole('button', { name: 'Assess the case' }).click();
    const card = page.locator('#results [data-duty="dva-s2B"][data-person="child-a"]');
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('applies');
    expect(await card.textContent()).toMatch(/social worker or the South African Police Service/);
    expect(await page.locator('#results [data-duty="ca-s110-1"][data-person="child-a"]').getAttribute('data-status')).toBe(
      'does_not_apply',
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('points at the fields to correct when the case does not fit the schema', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${base}try.html`);
    await page.locator('#p0-id').fill('child-a');
    await page.locator('#p0-ageYears').fill('-3');
    await page.getByRole('button', { name: 'Assess the case' }).click();
    const summary = page.locator('#results .error-summary');
    await summary.waitFor();
    expect(await summary.getAttribute('role')).toBe('alert');
    // Plain words, in the summary and beside the field; no paths or codes.
    expect(await summary.textContent()).toMatch(/Person 1: Give an age in whole years, from 0 to 130/);
    expect(await summary.textContent()).toMatch(/Concern 1: Choose who this happened to/);
    expect(await summary.textContent()).not.toMatch(/people\[0\]|expected|invalid_/);
    const beside = page.locator('#p0-ageYears + .field-error');
    expect(await beside.textContent()).toBe('Give an age in whole years, from 0 to 130.');
    expect(await page.locator('#p0-ageYears').getAttribute('aria-describedby')).toContain(await beside.getAttribute('id'));
    expect(await summary.locator('a[href="#p0-ageYears"]').count()).toBe(1);
    expect(await page.locator('#p0-ageYears').getAttribute('aria-invalid')).toBe('true');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('cannot send data anywhere: the browser blocks any connection the page might try', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const page = await context.newPage();
    await page.goto(`${base}try.html`);
    const outcome = await page.evaluate(() =>
      fetch('index.html').then(
        () => 'sent',
        () => 'blocked',
      ),
    );
    expect(outcome).toBe('blocked');
    await context.close();
  });

  it('works offline, opened straight from disk', async () => {
    const context = await browser.newContext({ locale: 'en-ZA', offline: true });
    const { page, problems } = await watchedPage(context);
    await page.goto(pathToFileURL(path.join(SITE, 'try.html')).href);
    await page.getByRole('button', { name: "Load the Mitchell's Plain example" }).click();
    await page.getByRole('button', { name: 'Assess the case' }).click();
    await page.locator('#results .assessment').waitFor();
    expect(await page.locator('#results [data-overlap="dva-report"][data-person="child-a"]').getAttribute('data-status')).toBe('applies');
    expect(problems).toEqual([]);
    await context.close();
  });
});

/** A case as a link fragment, as the site writes it. */
function fragmentOf(c: unknown): string {
  return `#case=${Buffer.from(JSON.stringify(c), 'utf8').toString('base64url')}`;
}

/** The Mitchell's Plain case's value for an input path; people by label (the interview adds them in its own order). */
function mitchellsPlainValue(input: string, about: string): unknown {
  const c = MITCHELLS_PLAIN as unknown as {
    reporter: Record<string, unknown>;
    people: Record<string, unknown>[];
    concerns: Record<string, unknown>[];
  };
  const m = /^(?:(reporter)\.|(people|concerns)\[(\d+)\]\.)?(\w+)$/.exec(input);
  if (!m) throw new Error(`not an input path: ${input}`);
  const field = m[4] as string;
  if (m[1]) return c.reporter[field];
  if (m[2] === 'people') return c.people.find((p) => p['id'] === about)?.[field];
  if (m[2] === 'concerns') return c.concerns[Number(m[3])]?.[field];
  return (c as unknown as Record<string, unknown>)[field];
}

describe('the guided interview', () => {
  it('from an empty start, answering its questions one at a time reaches the Mitchell’s Plain result', async () => {
    const context = await browser.newContext({ locale: 'en-ZA', viewport: { width: 1280, height: 1200 } });
    const { page, problems, requests } = await watchedPage(context);
    // The interview assesses as at today: fix today to the example's assessment date.
    await page.clock.setFixedTime(new Date('2026-11-28T08:00:00+02:00'));
    await page.goto(`${base}interview.html`);
    const loaded = requests.length;
    const asked: string[] = [];
    const progressSeen: string[] = [];
    for (let n = 0; n < 80; n++) {
      const done = page.locator('#result');
      const form = page.locator('#q-form');
      await Promise.race([done.waitFor(), form.waitFor()]);
      if ((await done.count()) > 0) break;
      const input = (await form.getAttribute('data-input')) as string;
      const about = (await form.getAttribute('data-about')) as string;
      const fact = (await form.getAttribute('data-fact')) as string;
      expect(asked, 'a question is never asked twice').not.toContain(`${fact}|${input}|${about}`);
      asked.push(`${fact}|${input}|${about}`);
      if ((await page.locator('#q-progress').count()) > 0) progressSeen.push((await page.locator('#q-progress').textContent()) ?? '');
      if (asked.length === 1) {
        expect(input).toBe('reporter.role');
        expect(await page.evaluate(auditInPage)).toEqual([]);
        // Next without an answer: a plain message beside the question.
        await page.locator('#q-next').click();
        expect(await page.locator('#q-error').textContent()).toMatch(/Choose an answer, or "I don't know"/);
      }
      // The first control with a value in the case answers; otherwise "I don't know".
      const controls = await form
        .locator('[data-input]')
        .evaluateAll((els) =>
          els
            .filter((e) => e.tagName !== 'FORM')
            .map((e) => ({ input: e.getAttribute('data-input') as string, kind: e.getAttribute('data-kind') as string, id: e.id })),
        );
      const pick = controls.map((c) => ({ ...c, value: mitchellsPlainValue(c.input, about) })).find((c) => c.value !== undefined);
      if (!pick) {
        await page.locator('#q-skip').click();
        continue;
      }
      const json = JSON.stringify(pick.value);
      if (pick.kind === 'choice' || pick.kind === 'person') {
        const radio = form.locator(`input[type="radio"][data-value='${json}']`);
        const option = form.locator(`option[data-value='${json}']`);
        if ((await radio.count()) > 0) await radio.check();
        else if ((await option.count()) > 0)
          await form.locator('select').selectOption({ index: await option.evaluate((o) => (o as HTMLOptionElement).index) });
        else await form.locator('#answer-0-new').fill(String(pick.value));
      } else {
        await form.locator(`#${pick.id}`).fill(String(pick.value));
      }
      await page.locator('#q-next').click();
    }
    await page.locator('#result .assessment').waitFor();
    expect(asked.length).toBeGreaterThan(10);
    // Once the outline is known, each question says where the duties stand.
    expect(progressSeen.at(-1)).toMatch(/So far, on what you have said: a report is required about 2 people/);
    const expected = Object.fromEntries(assess(MITCHELLS_PLAIN).duties.map((d) => [`${d.duty}|${d.person}`, d.status]));
    expect(await shownStatuses(page, '#result')).toEqual(expected);
    for (const child of ['child-a', 'child-b']) {
      expect(await page.locator(`#result [data-overlap="dva-report"][data-person="${child}"]`).getAttribute('data-status')).toBe('applies');
    }
    expect(await page.evaluate(auditInPage)).toEqual([]);
    expect(requests.slice(loaded)).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'docs-interview-result.png') });
    // The result offers the report and the try-it page, with the case in the link.
    const report = await page.locator('#open-report').getAttribute('href');
    expect(report).toMatch(/^report\.html#case=[A-Za-z0-9_-]+$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works offline, opened straight from disk, and cannot send anything', async () => {
    const context = await browser.newContext({ locale: 'en-ZA', offline: true });
    const { page, problems } = await watchedPage(context);
    await page.goto(pathToFileURL(path.join(SITE, 'interview.html')).href);
    await page.locator('#q-form').waitFor();
    expect(await page.locator('#q-form').getAttribute('data-input')).toBe('reporter.role');
    await page.locator('#q-skip').click();
    expect(await page.locator('#q-form').getAttribute('data-input')).toBe('concerns[0].victim');
    expect(problems).toEqual([]);
    expect(
      await page.evaluate(() =>
        fetch('index.html').then(
          () => 'sent',
          () => 'blocked',
        ),
      ),
    ).toBe('blocked');
    await context.close();
  });

  it('opens a case from its link and asks only what is still open', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const { page, problems } = await watchedPage(context);
    const partial = {
      assessmentDate: '2026-11-28',
      reporter: { role: 'teacher' },
      people: [{ id: 'Lerato, 5', ageYears: 5 }],
      concerns: [{ id: 'c1', victim: 'Lerato, 5', harm: 'sexual_abuse' }],
    };
    await page.goto(`${base}interview.html${fragmentOf(partial)}`);
    await page.locator('#q-form').waitFor();
    expect(await page.locator('#q-form').getAttribute('data-input')).toBe('concerns[0].allegedBy');
    expect(await page.locator('.so-far').textContent()).toMatch(/Lerato, 5: 5 years old/);
    await page.locator('#q-skip').click();
    expect(await page.locator('#q-form').getAttribute('data-input')).toBe('concerns[1].victim');
    await page.getByRole('button', { name: 'No one else' }).click();
    await page.locator('#q-back').click();
    expect(await page.locator('#q-form').getAttribute('data-input')).toBe('concerns[1].victim');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a case in a link', () => {
  it('opens in the try-it page from the URL fragment and is assessed, with a link to share', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const { page, problems, requests } = await watchedPage(context);
    await page.goto(`${base}try.html${fragmentOf(MITCHELLS_PLAIN)}`);
    await page.locator('#results .assessment').waitFor();
    expect(await page.locator('#p0-id').inputValue()).toBe('mother');
    const expected = Object.fromEntries(assess(MITCHELLS_PLAIN).duties.map((d) => [`${d.duty}|${d.person}`, d.status]));
    expect(await shownStatuses(page)).toEqual(expected);
    // The share link carries the case on the form (the case id is not on the form).
    const link = await page.locator('#share-link').inputValue();
    expect(link.startsWith(`${base}try.html#case=`)).toBe(true);
    const shared = JSON.parse(Buffer.from(link.split('#case=')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { id: _id, ...rest } = MITCHELLS_PLAIN as unknown as Record<string, unknown>;
    expect(shared).toEqual(rest);
    // The fragment is never part of a request.
    expect(requests.filter((r) => r.includes('case='))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the short report', () => {
  it('prints the Mitchell’s Plain case on at most two A4 pages, with what must be done, the numbers and the disclaimer', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${base}report.html${fragmentOf(MITCHELLS_PLAIN)}`);
    const report = page.locator('section.report');
    await report.waitFor();
    const text = (await report.textContent()) ?? '';
    expect(text).toMatch(/What you must do[\s\S]*Domestic Violence Act report[\s\S]*child-a, child-b/);
    expect(text).toMatch(/social worker/);
    expect(text).toMatch(/10111/);
    expect(text).toMatch(/Not legal advice/);
    expect(text).toMatch(/28 November 2026/);
    expect(text).toMatch(/rules \S+/);
    expect(text).not.toMatch(/dva-s2A|ca-s110|physical_abuse|exposure_to_domestic_violence/);
    expect(await page.evaluate(auditInPage)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header nav').isVisible()).toBe(false);
    expect(await page.locator('#print-report').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'docs-report-mitchells-plain.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is offered by the try-it page for the case on the form', async () => {
    const context = await browser.newContext({ locale: 'en-ZA' });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${base}try.html`);
    await page.getByRole('button', { name: "Load the Mitchell's Plain example" }).click();
    await page.getByRole('button', { name: 'Assess the case' }).click();
    await page.locator('#open-report').click();
    await page.locator('section.report').waitFor();
    expect(await page.locator('section.report').textContent()).toMatch(/What you must do/);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a worked case, shaped for a workshop', () => {
  it('puts the question first and the answer behind a reveal, names people as a trainer would, shows the assessment once, and opens in the try-it page and the interview', async () => {
    const context = await browser.newContext({ locale: 'en-ZA', viewport: { width: 1280, height: 1000 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${base}scenarios/mitchells-plain.html`);
    const question = page.locator('#question');
    expect(await question.isVisible()).toBe(true);
    const answer = page.locator('#answer-reveal');
    expect(await answer.getAttribute('open')).toBeNull();
    expect(await page.locator('#mandatory').isVisible()).toBe(false);
    // The question comes before the answer in the page.
    expect(
      await page.evaluate(() => {
        const q = document.getElementById('question') as Node;
        const a = document.getElementById('answer-reveal') as Node;
        return Boolean(q.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
      }),
    ).toBe(true);
    expect(await page.locator('.case').textContent()).toMatch(/Kayla, 5[\s\S]*Jayden, 3/);
    expect(await page.locator('main').textContent()).not.toMatch(/child-a|child-b/);
    await page.locator('#answer-reveal > summary').click();
    expect(await page.locator('#mandatory').isVisible()).toBe(true);
    // The two children have the same duties: one section for both, not one per child.
    const people = page.locator('#answer-reveal section.person');
    expect(await people.count()).toBe(2);
    expect(await page.locator('#answer-reveal section.person[data-people]').getAttribute('data-people')).toBe('Kayla, 5|Jayden, 3');
    expect(await page.locator('#answer-reveal [data-duty="ca-s110-1"][data-status="does_not_apply"]').first().isVisible()).toBe(true);
    expect(await page.locator('ol.discussion li').count()).toBeGreaterThanOrEqual(3);
    // Every variant asks first and answers behind its own reveal.
    const variants = page.locator('section.variant');
    expect(await variants.count()).toBeGreaterThanOrEqual(3);
    expect(await variants.first().locator('details.reveal').getAttribute('open')).toBeNull();
    expect(await page.evaluate(auditInPage)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'docs-worked-mitchells-plain.png') });

    // Opens in the try-it page with the people as labelled, and the same answer as the library.
    const tryHref = (await page.locator('.question-box a[href^="../try.html#case="]').getAttribute('href')) as string;
    const shown = JSON.parse(Buffer.from(tryHref.split('#case=')[1] as string, 'base64url').toString('utf8')) as CaseInput;
    await page.goto(new URL(tryHref, `${base}scenarios/mitchells-plain.html`).href);
    await page.locator('#results .assessment').waitFor();
    expect(await page.locator('#p1-id').inputValue()).toBe('Kayla, 5');
    expect(await shownStatuses(page)).toEqual(Object.fromEntries(assess(shown).duties.map((d) => [`${d.duty}|${d.person}`, d.status])));
    // And in the interview, which has nothing left to ask but the unknowable.
    await page.goto(`${base}scenarios/mitchells-plain.html`);
    await page.locator('.question-box a[href^="../interview.html#case="]').click();
    await page.locator('#q-form, #result').first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
