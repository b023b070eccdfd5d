/**
 * `npm run docs`: builds the trainer site into docs/site/ from the rule files, the fixtures,
 * the worked cases and the example case, through the library's public API, so the site and
 * the code cannot drift. Then bundles the library for the try-it page (esbuild) and generates
 * the API reference (TypeDoc) into docs/site/api/.
 *
 *   tsx docs/build/build.ts                 full build
 *   tsx docs/build/build.ts --api-if-stale  keep docs/site/api/ if it is newer than src/ (tests)
 *   tsx docs/build/build.ts --no-api        skip the API reference
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions as EsbuildOptions, type Plugin } from 'esbuild';
import { catalogue, loadFixtureRuns, mitchellsPlain, readOptional, ROOT, ruleFilePaths } from './data.js';
import { html } from './html.js';
import { linkTerms } from './glossary.js';
import { documentOf, rootOf, type Page, type SiteNav } from './layout.js';
import { firstHeading, renderMarkdown } from './markdown.js';
import { publicHtml } from './public-text.js';
import {
  changesPage,
  comparePage,
  dutiesIndexPage,
  developersPage,
  dutyPage,
  glossaryPage,
  homePage,
  interviewPage,
  libraryPage,
  markdownPage,
  reportPage,
  tryPage,
  workedIndexPage,
  workedPage,
  type SiteData,
} from './pages.js';
import { runWorkedCases, workedFailures } from './worked.js';

/** Where the site is written. */
export const SITE = path.join(ROOT, 'docs/site');

/** Options of {@link buildSite}. */
export interface BuildOptions {
  /** `always` (default), `if-stale` (keep an API reference newer than its sources) or `never`. */
  readonly api?: 'always' | 'if-stale' | 'never';
  /** Where progress goes (default: stderr). */
  readonly log?: (line: string) => void;
}

/** Markdown documents of the repository published as pages, when they exist. */
const MD_PAGES = [
  {
    file: 'docs/interpretation.md',
    href: 'interpretation.html',
    nav: 'How the law is encoded',
    section: 'interpretation',
    area: 'trainer',
  },
  { file: 'docs/cli.md', href: 'cli.html', nav: 'Command line', section: 'cli', area: 'developer' },
] as const;

/** Site URLs for links inside the repository's Markdown; anything else outside the site becomes text. */
function rewriteLink(href: string): string | null {
  if (/^(https?:|mailto:|#)/.test(href)) return href;
  const [file, hash] = href.split('#') as [string, string | undefined];
  const name = path.posix.basename(file);
  const page = MD_PAGES.find((m) => path.posix.basename(m.file) === name && fs.existsSync(path.join(ROOT, m.file)));
  if (page) return page.href + (hash ? `#${hash}` : '');
  if (name === 'CHANGELOG.md') return 'changes.html#changelog';
  return null;
}

function newestMtime(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

function apiIsFresh(): boolean {
  const index = path.join(SITE, 'api/index.html');
  if (!fs.existsSync(index)) return false;
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'src')),
    ...['typedoc.json', 'docs/build/tsconfig.typedoc.json', 'package.json'].map((f) => fs.statSync(path.join(ROOT, f)).mtimeMs),
  );
  return fs.statSync(index).mtimeMs > sources;
}

/** Maps imports of the library (src/index) to the global the library bundle defines. */
const libraryAsGlobal: Plugin = {
  name: 'library-as-global',
  setup(b) {
    b.onResolve({ filter: /\/src\/index(\.js|\.ts)?$/ }, () => ({ path: 'za-duties', namespace: 'library-global' }));
    b.onLoad({ filter: /.*/, namespace: 'library-global' }, () => ({ contents: 'module.exports = globalThis.ZaDuties;', loader: 'js' }));
  },
};

async function bundle(): Promise<void> {
  const common: EsbuildOptions = { bundle: true, platform: 'browser', target: ['es2020'], logLevel: 'warning', legalComments: 'eof' };
  await build({
    ...common,
    entryPoints: [path.join(ROOT, 'src/index.ts')],
    format: 'iife',
    globalName: 'ZaDuties',
    minify: true,
    outfile: path.join(SITE, 'assets/za-duties.js'),
  });
  for (const [entry, out] of [
    ['nav.ts', 'nav.js'],
    ['try-it.ts', 'try-it.js'],
    ['interview-page.ts', 'interview.js'],
    ['report-page.ts', 'report.js'],
  ] as const) {
    await build({
      ...common,
      entryPoints: [path.join(ROOT, 'docs/build', entry)],
      format: 'iife',
      minify: false,
      plugins: [libraryAsGlobal],
      outfile: path.join(SITE, 'assets', out),
    });
  }
}

function typedoc(log: (l: string) => void): void {
  const bin = path.join(ROOT, 'node_modules/typedoc/bin/typedoc');
  const r = spawnSync(process.execPath, [bin, '--options', path.join(ROOT, 'typedoc.json')], { cwd: ROOT, encoding: 'utf8' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (out) log(out);
  if (r.status !== 0) throw new Error(`TypeDoc failed (exit ${r.status ?? r.signal})`);
  linkApiToSite();
}

/** TypeDoc writes its navigation links as given: `site:x.html` becomes the path from each API page to the site's `x.html`. */
function linkApiToSite(): void {
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.html') ? [path.join(dir, e.name)] : []));
  for (const file of walk(path.join(SITE, 'api'))) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('href="site:')) continue;
    const rel = path.relative(SITE, file).split(path.sep).join('/');
    fs.writeFileSync(file, text.replaceAll('href="site:', `href="${rootOf(rel)}`));
  }
}

/**
 * A one-pixel favicon.ico in the accent colour. Browsers ask for /favicon.ico on their own (the
 * TypeDoc pages have no icon link of their own), and a missing one is an error in the console.
 */
function favicon(): Buffer {
  const b = Buffer.alloc(6 + 16 + 40 + 4 + 4);
  b.writeUInt16LE(1, 2); // type: icon
  b.writeUInt16LE(1, 4); // one image
  b.writeUInt8(1, 6); // width
  b.writeUInt8(1, 7); // height
  b.writeUInt16LE(1, 10); // planes
  b.writeUInt16LE(32, 12); // bits per pixel
  b.writeUInt32LE(48, 14); // bytes of image data
  b.writeUInt32LE(22, 18); // offset of image data
  b.writeUInt32LE(40, 22); // BITMAPINFOHEADER
  b.writeInt32LE(1, 26);
  b.writeInt32LE(2, 30); // height doubled: colour rows, then mask rows
  b.writeUInt16LE(1, 34);
  b.writeUInt16LE(32, 36);
  b.set([0x94, 0x53, 0x0b, 0xff], 62); // one pixel, BGRA; the mask after it stays 0 (opaque)
  return b;
}

function cleanSite(keepApi: boolean): void {
  if (!fs.existsSync(SITE)) return;
  for (const e of fs.readdirSync(SITE)) {
    if (keepApi && e === 'api') continue;
    fs.rmSync(path.join(SITE, e), { recursive: true, force: true });
  }
}

/** Builds the site; returns the pages written (paths from the site root). */
export async function buildSite(options: BuildOptions = {}): Promise<string[]> {
  const log = options.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const api = options.api ?? 'always';
  const started = Date.now();

  // Data first: if any of it is wrong, fail before touching the old site.
  const cat = catalogue();
  const fixtures = loadFixtureRuns();
  const worked = runWorkedCases();
  const failures = workedFailures(worked);
  if (failures.length > 0) {
    throw new Error(`docs/worked-cases.json says something the library does not:\n  ${failures.join('\n  ')}`);
  }
  const mdPages = MD_PAGES.flatMap((m) => {
    const md = readOptional(m.file);
    return md === null ? [] : [{ ...m, md, title: firstHeading(md) ?? m.nav }];
  });
  const changelog = readOptional('CHANGELOG.md');
  const data: SiteData = {
    rulesetVersion: cat.rulesetVersion,
    duties: cat.duties,
    ruleFiles: ruleFilePaths(),
    fixtures,
    worked,
    example: mitchellsPlain(),
    changelog,
    mdPages: mdPages.map((m) => ({ file: m.file, href: m.href, title: m.title })),
  };

  const keepApi = api === 'never' || (api === 'if-stale' && apiIsFresh());
  cleanSite(keepApi);
  fs.mkdirSync(path.join(SITE, 'assets'), { recursive: true });

  const changelogHtml = changelog === null ? null : publicHtml(renderMarkdown(changelog, { topLevel: 3, rewriteLink, idPrefix: 'cl-' }));
  const hasApi = !(api === 'never' && !fs.existsSync(path.join(SITE, 'api/index.html')));
  const built: Page[] = [
    homePage(data),
    dutiesIndexPage(data),
    ...cat.duties.map((e) => dutyPage(e, data)),
    comparePage(data),
    changesPage(data, changelogHtml),
    workedIndexPage(data),
    ...worked.map((w) => workedPage(w, data)),
    libraryPage(data),
    tryPage(data),
    interviewPage(),
    reportPage(),
    ...mdPages.map((m) => markdownPage(m.href, m.title, publicHtml(renderMarkdown(m.md, { topLevel: 1, rewriteLink })), m.section, m.area)),
    developersPage(data, hasApi),
    glossaryPage(),
  ];
  // The first use of each glossary term on a trainer page links to its entry.
  const pages = built.map((p) =>
    p.area === 'developer' || p.path === 'glossary.html' ? p : { ...p, body: linkTerms(p.body, `${rootOf(p.path)}glossary.html`) },
  );
  const nav: SiteNav = {
    trainer: [
      { section: 'home', label: 'Home', href: 'index.html' },
      { section: 'duties', label: 'Duties', href: 'duties/index.html' },
      { section: 'compare', label: 'Compare', href: 'compare.html' },
      { section: 'scenarios', label: 'Worked scenarios', href: 'scenarios/index.html' },
      { section: 'interview', label: 'Guided interview', href: 'interview.html' },
      { section: 'try', label: 'Try a case', href: 'try.html' },
      { section: 'glossary', label: 'Glossary', href: 'glossary.html' },
      { section: 'changes', label: 'What changed', href: 'changes.html' },
      ...mdPages.filter((m) => m.area === 'trainer').map((m) => ({ section: m.section, label: m.nav, href: m.href })),
      { section: 'developers', label: 'For developers', href: 'developers.html' },
    ],
    developer: [
      { section: 'developers', label: 'Overview', href: 'developers.html' },
      ...mdPages.filter((m) => m.area === 'developer').map((m) => ({ section: m.section, label: m.nav, href: m.href })),
      ...(hasApi ? [{ section: 'api', label: 'API reference', href: 'api/index.html' }] : []),
      { section: 'home', label: 'Trainer site', href: 'index.html' },
    ],
  };
  const footer = (root: string) =>
    html`<p>Built from the rule files and test scenarios of <code>za-reporting-duties</code>, rules <code>${cat.rulesetVersion}</code>. <a href="${root}index.html#verification">What the labels mean</a>.</p>
<p><strong>Not legal advice.</strong> In an emergency call the police on 10111, or 112 from a cellphone.</p>`;
  for (const p of pages) {
    const file = path.join(SITE, p.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, documentOf(p, nav, footer));
  }
  fs.copyFileSync(path.join(ROOT, 'docs/build/style.css'), path.join(SITE, 'assets/style.css'));
  fs.writeFileSync(path.join(SITE, 'favicon.ico'), favicon());
  await bundle();
  log(`docs: ${pages.length} pages, ${fixtures.length} scenarios, ${worked.length} worked cases (${Date.now() - started} ms)`);

  if (api === 'always' || (api === 'if-stale' && !keepApi)) {
    const t = Date.now();
    typedoc(log);
    log(`docs: API reference in docs/site/api (${Date.now() - t} ms)`);
  } else if (api === 'if-stale') {
    log('docs: API reference is newer than src/, kept');
  }
  return pages.map((p) => p.path);
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const args = process.argv.slice(2);
  const api = args.includes('--no-api') ? 'never' : args.includes('--api-if-stale') ? 'if-stale' : 'always';
  buildSite({ api }).then(
    () => {
      process.stderr.write(`docs: open docs/site/index.html\n`);
    },
    (e: unknown) => {
      process.stderr.write(`docs: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
