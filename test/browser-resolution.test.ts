/** Which Chromium the docs browser tests drive: CHROMIUM_PATH, else the system one, else the npm package's. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACKAGE, SYSTEM_CHROMIUM, chooseChromium } from './helpers/browser.js';

const only =
  (...present: string[]) =>
  (p: string) =>
    present.includes(p);

describe('choosing the docs tests’ Chromium', () => {
  it('takes CHROMIUM_PATH first, even when a system Chromium exists', () => {
    expect(chooseChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, only('/opt/chrome/chrome', SYSTEM_CHROMIUM))).toEqual({
      source: 'CHROMIUM_PATH',
      path: '/opt/chrome/chrome',
    });
  });

  it('fails on a CHROMIUM_PATH with no file there, naming it, instead of quietly using another browser', () => {
    expect(() => chooseChromium({ CHROMIUM_PATH: '/nowhere/chromium' }, only(SYSTEM_CHROMIUM))).toThrow(
      /CHROMIUM_PATH is set to "\/nowhere\/chromium"/,
    );
  });

  it('takes the system Chromium when CHROMIUM_PATH is unset or empty', () => {
    expect(chooseChromium({}, only(SYSTEM_CHROMIUM))).toEqual({ source: 'system', path: SYSTEM_CHROMIUM });
    expect(chooseChromium({ CHROMIUM_PATH: '' }, only(SYSTEM_CHROMIUM))).toEqual({ source: 'system', path: SYSTEM_CHROMIUM });
  });

  it('falls back to the npm package when there is neither', () => {
    expect(chooseChromium({}, only())).toEqual({ source: 'bundled' });
  });

  it('the npm package is installed and ships the browser inside its tarball, with no install script that downloads one', () => {
    const entry = createRequire(import.meta.url).resolve(BUNDLED_PACKAGE);
    const dir = path.resolve(path.dirname(entry), '..', '..');
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    for (const hook of ['preinstall', 'install', 'postinstall']) expect(pkg.scripts?.[hook], hook).toBeUndefined();
    expect(fs.statSync(path.join(dir, 'bin', 'chromium.br')).size).toBeGreaterThan(30 * 1024 * 1024);
  });
});
