/**
 * The Chromium that the docs browser tests drive, found without any system package:
 *
 * 1. `CHROMIUM_PATH`, if set (it must exist: a wrong path is an error, not a silent fallback);
 * 2. else a system Chromium at `/usr/bin/chromium`, if there is one;
 * 3. else the Chromium build shipped inside the `@sparticuz/chromium` devDependency (brotli-compressed
 *    in its npm tarball), unpacked once into the temp directory. No download at install or run time.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
export const BUNDLED_PACKAGE = '@sparticuz/chromium';

/** Where the browser comes from; `path` is filled in for the first two. */
export type ChromiumChoice = { source: 'CHROMIUM_PATH' | 'system'; path: string } | { source: 'bundled' };

/**
 * Applies the resolution order to an environment and a file-existence check (no side effects).
 *
 * @example
 * chooseChromium({}, () => false) //=> { source: 'bundled' }
 */
export function chooseChromium(env: Readonly<Record<string, string | undefined>>, exists: (p: string) => boolean): ChromiumChoice {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!exists(fromEnv))
      throw new Error(`CHROMIUM_PATH is set to "${fromEnv}", but there is no file there. Unset it to use ${BUNDLED_PACKAGE}.`);
    return { source: 'CHROMIUM_PATH', path: fromEnv };
  }
  if (exists(SYSTEM_CHROMIUM)) return { source: 'system', path: SYSTEM_CHROMIUM };
  return { source: 'bundled' };
}

/** A browser to hand to playwright-core's `chromium.launch({ executablePath, env })`. */
export interface ChromiumExecutable {
  source: ChromiumChoice['source'];
  executablePath: string;
  /** The environment for the browser process (the bundled build gets its own fonts). */
  env: Record<string, string | undefined>;
}

/** Resolves the browser, unpacking the bundled build on first use. */
export async function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumExecutable> {
  const choice = chooseChromium(env, (p) => fs.existsSync(p));
  if (choice.source !== 'bundled') return { source: choice.source, executablePath: choice.path, env: { ...env } };
  const dir = await unpackBundled();
  return {
    source: 'bundled',
    executablePath: path.join(dir, 'chromium'),
    env: { ...env, FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
  };
}

/**
 * Unpacks the package's Chromium, fonts and SwiftShader into `<tmp>/za-duties-chromium-<version>/`
 * and returns that folder. The package's own `executablePath()` unpacks into `os.tmpdir()` and reuses
 * whatever `chromium` it finds there (of any version, or half written by a concurrent run), so it runs
 * in a child process whose TMPDIR is a fresh staging folder, renamed into place when complete.
 */
async function unpackBundled(): Promise<string> {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve(BUNDLED_PACKAGE);
  } catch {
    throw new Error(
      `No Chromium: CHROMIUM_PATH is not set, ${SYSTEM_CHROMIUM} does not exist, and ${BUNDLED_PACKAGE} is not installed (run npm ci).`,
    );
  }
  // entry is <package>/build/cjs/index.cjs
  const pkgDir = path.resolve(path.dirname(entry), '..', '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(os.tmpdir(), `za-duties-chromium-${version}`);
  if (fs.existsSync(path.join(dir, 'chromium'))) return dir;

  const staging = fs.mkdtempSync(path.join(os.tmpdir(), `za-duties-chromium-${version}-`));
  try {
    const script = `import(${JSON.stringify(BUNDLED_PACKAGE)}).then((m) => m.default.executablePath()).then((p) => process.stdout.write(p))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: path.resolve(pkgDir, '..', '..', '..'),
      env: { ...process.env, TMPDIR: staging, TMP: staging, TEMP: staging },
      maxBuffer: 1024 * 1024,
    });
    if (stdout !== path.join(staging, 'chromium'))
      throw new Error(`${BUNDLED_PACKAGE} unpacked to "${stdout}", expected ${staging}/chromium`);
    // Bundled fonts (Open Sans) after the system's, so pages render text on a machine with no fonts.
    fs.writeFileSync(
      path.join(staging, 'fonts.conf'),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        '<fontconfig>',
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
        `  <dir>${path.join(dir, 'fonts', 'fonts')}</dir>`,
        `  <cachedir>${path.join(dir, 'fontconfig-cache')}</cachedir>`,
        '</fontconfig>',
        '',
      ].join('\n'),
    );
    try {
      fs.renameSync(staging, dir);
    } catch (e) {
      // Another run put it in place first: use theirs.
      if (!fs.existsSync(path.join(dir, 'chromium')))
        throw new Error(`Could not move the unpacked Chromium to ${dir} (remove that folder and retry): ${String(e)}`);
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}
