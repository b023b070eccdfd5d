import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { ROOT } from './helpers/fixtures.js';

// First contact on npm: the README opens with how a user installs and calls the library, its
// first example runs and says what its comment says, every link works from the npm page, and
// package.json points at the repository.

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const REPO = 'https://github.com/za-reporting-duties/za-reporting-duties';

describe('the README on the npm page', () => {
  it('starts with the install command and a call of at most five lines', () => {
    const firstHeading = README.indexOf('\n## ');
    expect(README.slice(firstHeading, firstHeading + 40)).toContain('## Install and call');
    const blocks = [...README.matchAll(/```(\w+)\n([\s\S]*?)```/g)];
    expect(blocks[0]?.[2]?.trim()).toBe('npm i za-reporting-duties');
    expect(blocks[1]?.[1]).toBe('ts');
    expect(blocks[1]?.[2]?.trim().split('\n').length).toBeLessThanOrEqual(5);
  });

  it('its first example runs and prints what its comment says', () => {
    const code = [...README.matchAll(/```ts\n([\s\S]*?)```/g)][0]?.[1] ?? '';
    const printed: string[] = [];
    const body = code.replace("import { assess } from 'za-reporting-duties';", '').replace(/console\.log\(/g, 'print(');
    new Function('assess', 'print', body)(
      (input: unknown) => lib.assess(input),
      (...xs: unknown[]) => printed.push(xs.join(' ')),
    );
    const claimed = /\/\/ e\.g\. (.*)$/m.exec(code)?.[1];
    expect(claimed).toBeDefined();
    expect(printed).toContain(claimed);
    expect(printed).toHaveLength(11);
  });

  it('keeps the two contributor commands in a contributor section', () => {
    const contributing = README.slice(README.indexOf('## Contributing'));
    expect(README.indexOf('## Contributing')).toBeGreaterThan(0);
    expect(contributing).toContain('npm ci && npm run example');
    expect(contributing).toContain('npm test');
  });

  it('links only absolutely (relative links break on the npm page)', () => {
    const links = [...README.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
    expect(links.length).toBeGreaterThan(3);
    for (const l of links) expect(l, l).toMatch(/^(https:\/\/|#)/);
    for (const l of links.filter((x) => x.startsWith(`${REPO}/blob/main/`))) {
      const [file, anchor] = l.slice(`${REPO}/blob/main/`.length).split('#') as [string, string | undefined];
      expect(fs.existsSync(path.join(ROOT, file)), l).toBe(true);
      if (anchor !== undefined) {
        // GitHub's heading anchors: lower case, spaces to hyphens, punctuation dropped.
        const headings = [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) =>
          (m[1] ?? '')
            .toLowerCase()
            .replace(/[^a-z0-9 -]/g, '')
            .replace(/ /g, '-'),
        );
        expect(headings, l).toContain(anchor);
      }
    }
  });

  it('the zod schema also validates through its Standard Schema interface, as the README says', async () => {
    const r = await lib.CaseInputSchema['~standard'].validate({ people: [] });
    expect('issues' in r && r.issues !== undefined && r.issues.length > 0).toBe(true);
    expect(lib.CaseInputSchema['~standard'].vendor).toBe('zod');
    expect(README).toContain("CaseInputSchema['~standard'].validate(value)");
  });
});

describe('package.json for npm', () => {
  it('names the repository, the homepage and where to report bugs', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPO}.git` });
    expect(pkg.homepage).toBe(`${REPO}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPO}/issues` });
  });
});
