/**
 * The trainer site's own data and helpers, without a browser: the worked scenarios say only
 * what the library decides, every duty has a page's worth of data, and the helpers that render
 * text escape it and read Markdown faithfully.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASES, DISABILITIES, DUTY_IDS, dutyCatalogue, HARMS, RELATIONSHIPS, REPORTER_ROLES } from '../src/index.js';
import { loadFixtureRuns } from '../docs/build/data.js';
import { html } from '../docs/build/html.js';
import { renderMarkdown } from '../docs/build/markdown.js';
import { caseWords, formatDate, valueWords, vocab } from '../docs/build/words.js';
import { runWorkedCases, setPath } from '../docs/build/worked.js';

const ROOT = path.resolve(__dirname, '..');
const runs = runWorkedCases();

describe('worked scenarios (docs/worked-cases.json)', () => {
  it('cover the five cases trainers asked for', () => {
    expect(runs.map((r) => r.worked.id)).toEqual([
      'mitchells-plain',
      'sexual-offence-child',
      'adolescent-relationship',
      'older-person',
      'child-reporter',
    ]);
  });

  for (const r of runs) {
    it(`${r.worked.id}: the library says what the scenario's text says`, () => {
      expect(r.failures).toEqual([]);
      expect(r.worked.expected.duties.length + r.worked.expected.overlaps.length).toBeGreaterThan(0);
    });
    for (const v of r.variants) {
      it(`${r.worked.id}, "${v.variant.title}": the library says what the variant's text says`, () => {
        expect(v.failures).toEqual([]);
      });
    }
  }

  it('Mitchell’s Plain is the example case, unchanged', () => {
    const mp = runs.find((r) => r.worked.id === 'mitchells-plain');
    expect(mp?.input).toEqual(JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/mitchells-plain.json'), 'utf8')));
  });

  it('a variant changes a copy of the case, and null removes a field', () => {
    const base = { reporter: { role: 'teacher', ageYears: 40 }, concerns: [{ id: 'c1' }] };
    const changed = setPath(setPath(base, 'reporter.ageYears', null), 'concerns.1', { id: 'c2' }) as typeof base;
    expect(changed).toEqual({ reporter: { role: 'teacher' }, concerns: [{ id: 'c1' }, { id: 'c2' }] });
    expect(base.reporter.ageYears).toBe(40);
  });
});

describe('the site’s data', () => {
  it('has, for every duty, a title, a summary, dated versions and a verification label', () => {
    const c = dutyCatalogue();
    expect(c.duties.map((d) => d.id)).toEqual([...DUTY_IDS]);
    for (const d of c.duties) {
      expect(d.summary.length).toBeGreaterThan(20);
      expect(d.versions.length).toBeGreaterThan(0);
      for (const v of d.versions) expect(['exact', 'partial', 'secondary', 'unverified']).toContain(v.verification);
    }
  });

  it('reads every fixture scenario and gets the library’s answer for each', () => {
    const fixtures = loadFixtureRuns();
    expect(fixtures.length).toBeGreaterThan(50);
    for (const f of fixtures) {
      if (f.expectedError === null) expect(f.assessment, f.name).not.toBeNull();
      else expect(f.error, f.name).not.toBeNull();
    }
  });
});

describe('the site’s helpers', () => {
  it('escape what they interpolate', () => {
    expect(html`<p>${'<script>alert("x")</script>'}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(html`<p title="${"a'b"}">${['x', html`<b>y</b>`]}</p>`.value).toBe('<p title="a&#39;b">x<b>y</b></p>');
  });

  it('say every vocabulary value in words', () => {
    for (const v of [...REPORTER_ROLES, ...HARMS, ...RELATIONSHIPS, ...BASES, ...DISABILITIES]) {
      expect(vocab(v), v).not.toMatch(/_/);
    }
    expect(vocab('exposure_to_domestic_violence')).toBe('exposure to domestic violence');
    expect(valueWords('victimAgeAtKnowledge', { min: 4, max: 5 })).toBe('4–5 years');
    expect(valueWords('reporterIsFunctionary', null)).toBe('not given');
    expect(formatDate('2023-04-14')).toBe('14 April 2023');
  });

  it('describe a case in words, without inventing facts', () => {
    const w = caseWords({
      reporter: { role: 'member_of_public', ageYears: 45 },
      people: [{ id: 'child-a', ageYears: 6 }],
      concerns: [{ id: 'c1', victim: 'child-a', harm: 'neglect', basis: 'rumour' }],
    });
    expect(w.reporter).toBe('Member of the public, 45 years old');
    expect(w.people).toEqual(['child-a: 6 years old']);
    expect(w.concerns).toEqual(['Neglect of child-a: the reporter has heard only a rumour']);
  });

  it('render the repository’s Markdown: headings in order, tables with header scopes, links outside the site as text', () => {
    const rendered = renderMarkdown(
      [
        '# Title',
        '',
        '### Skipped a level',
        '',
        '| a | b |',
        '|---|---|',
        '| `x\\|y` | **z** |',
        '',
        '- one',
        '  continued',
        '- [two](../shared/law/digest.md)',
        '',
        '> quote',
        '',
        'See [the Act](https://example.org/act).',
      ].join('\n'),
      { topLevel: 1, rewriteLink: (h) => (h.startsWith('http') ? h : null) },
    );
    // Line breaks between tags and inside a paragraph are not part of what is checked.
    const out = rendered.replace(/>\s+</g, '><').replace(/\s+/g, ' ');
    expect(out).toContain('<h1 id="title">Title</h1>');
    expect(out).toContain('<h2 id="skipped-a-level">Skipped a level</h2>');
    expect(out).toContain('<div class="table-wrap"><table><thead><tr><th scope="col">a</th>');
    expect(out).toContain('<th scope="row"><code>x|y</code></th><td><strong>z</strong></td>');
    expect(out).toContain('<li>one continued</li><li>two</li>');
    expect(out).toContain('<blockquote><p>quote</p></blockquote>');
    expect(out).toContain('<a href="https://example.org/act" rel="external noreferrer">the Act</a>');
  });
});

describe('the trainer site’s words and links', () => {
  it('turns the project’s file references into words a reader can use', async () => {
    const { publicText } = await import('../docs/build/public-text.js');
    expect(publicText('which is which is unconfirmed (gaps.md §4.2). Do not use')).toBe('which is which is unconfirmed. Do not use');
    expect(publicText('a TCC (gov.za; shared/law/gaps.md §8; verified description)')).toBe('a TCC (gov.za; verified description)');
    expect(publicText('now an adult (see /tmp/fixture-concerns.md on survivor autonomy).')).toBe('now an adult.');
    expect(publicText('Practice source: VAC-VAW coordination chapter (shared/sources/x.txt), Case 22')).toMatch(
      /^Practice source: a South African practice chapter on coordinating [^()]*\(VAC–VAW\), Case 22$/,
    );
    expect(publicText('Thresholds are data in `rules/conditions/older-person.json`.')).toBe('Thresholds are in the rule data.');
    expect(publicText('no file here (a note; 2026)')).toBe('no file here (a note; 2026)');
  });

  it('writes duty ids and vocabulary codes as words in text, never in attribute values', async () => {
    const { prose } = await import('../docs/build/public-text.js');
    const names = new Map(dutyCatalogue().duties.map((d) => [d.id, `${d.actShort} ${d.versions[d.versions.length - 1]?.provision ?? ''}`]));
    expect(prose('One report to SAPS can meet ca-s110-1, soa-s54-1 at once')).toBe(
      `One report to SAPS can meet ${names.get('ca-s110-1') ?? ''}, ${names.get('soa-s54-1') ?? ''} at once`,
    );
    expect(prose('record the basis as reasonable_suspicion')).toBe('record the basis as reasonable suspicion');
    expect(prose('my_variable stays')).toBe('my_variable stays');
    const el = html`<a href="duties/${'dva-s2A'}.html" data-v="${'physical_abuse'}">${'dva-s2A'}: ${'physical_abuse'}</a>`.value;
    expect(el).toMatch(/^<a href="duties\/dva-s2A\.html" data-v="physical_abuse">DVA s2A\(2\): physical abuse<\/a>$/);
  });

  it('links the first use of each glossary term, never inside links, headings or code', async () => {
    const { linkTerms } = await import('../docs/build/glossary.js');
    const out = linkTerms(
      html`<h2>A functionary</h2><p>Use <code>functionary</code>; a functionary or a functionary, and sexual harassment, not harassment.</p>`,
      'glossary.html',
    ).value;
    expect(out).toBe(
      '<h2>A functionary</h2><p>Use <code>functionary</code>; a <a class="term" href="glossary.html#functionary">functionary</a> or a functionary, and <a class="term" href="glossary.html#sexual-harassment">sexual harassment</a>, not <a class="term" href="glossary.html#intimidation">harassment</a>.</p>',
    );
  });

  it('shares a case in a link fragment and reads it back, names with commas included', async () => {
    const { caseFragment, caseFromHash } = await import('../docs/build/share.js');
    const c = { people: [{ id: 'Lerato, 5 — ñ' }], concerns: [] };
    const frag = caseFragment(c);
    expect(frag).toMatch(/^#case=[A-Za-z0-9_-]+$/);
    expect(caseFromHash(frag)).toEqual(c);
    expect(caseFromHash('#case=%%%')).toBeNull();
    expect(caseFromHash('#other')).toBeNull();
  });
});
