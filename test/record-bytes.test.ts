import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordBytes } from '../src/cli/record-bytes.js';
import { assess, referenceTexts } from '../src/index.js';
import { caseArb } from './helpers/arbitraries.js';
import { loadScenarios } from './helpers/fixtures.js';

/*
 * Batch output is gathered as UTF-8 bytes (src/cli/record-bytes.ts): whatever the records, in
 * whatever sizes, the bytes taken are exactly the records' text with a newline after each, as
 * Buffer.from encodes it, and each take is a buffer of its own that can be transferred.
 *
 * Full records (`--full`) are written by `addJson`, which keeps the bytes of frozen objects,
 * strings and keys: whatever the values, which of them are frozen, and however often they come back,
 * the bytes are those of `head + JSON.stringify(value).slice(1)`.
 */

/** What addJson must write: the text JSON.stringify gives, as Buffer.from encodes it. */
function expected(head: string, value: object): Buffer {
  return Buffer.from(`${head}${JSON.stringify(value).slice(1)}\n`);
}

/** Freezes the objects of a value that `pick` chooses (some all the way down, some only on top). */
function freezeSome(value: unknown, pick: () => number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  for (const v of Object.values(value)) freezeSome(v, pick);
  if (pick() % 3 !== 0) Object.freeze(value);
  return value;
}

/** JSON values, with what JSON.stringify leaves out or writes as null, and longer strings (kept by content like any other). */
const member = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, () => 1, Symbol('s')),
  fc.string({ unit: 'binary', minLength: 28, maxLength: 80 }), // lone surrogates, controls, quotes
  fc.string({ unit: 'grapheme', minLength: 30, maxLength: 60 }),
);
const valueArb = fc.dictionary(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.oneof(member, fc.array(member, { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 4 }), member, { maxKeys: 4 })),
  { maxKeys: 8 },
);

const records = fc.array(
  fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 50 }), // lone surrogates included
    fc.string({ unit: 'binary-ascii', minLength: 100, maxLength: 3_000 }),
  ),
  { maxLength: 60 },
);

describe('RecordBytes', () => {
  it('gives the records as Buffer.from encodes them, a newline after each, however the takes fall', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 4_096 }), fc.array(fc.nat(60), { maxLength: 4 }), (rs, size, cuts) => {
        const out = new RecordBytes(size);
        const taken: Uint8Array[] = [];
        let pending = 0;
        rs.forEach((r, i) => {
          out.add(r);
          pending += Buffer.byteLength(`${r}\n`);
          expect(out.bytes).toBe(pending);
          if (cuts.includes(i)) {
            taken.push(out.take());
            pending = 0;
          }
        });
        taken.push(out.take());
        expect(out.bytes).toBe(0);
        expect(Buffer.concat(taken).equals(Buffer.from(rs.map((r) => `${r}\n`).join('')))).toBe(true);
        for (const t of taken) expect(t.byteOffset === 0 && t.buffer.byteLength === t.byteLength).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a record longer than its buffer whole, each take transferable, and what was taken unchanged by what comes after', () => {
    const out = new RecordBytes(16);
    out.add('short');
    out.add('é'.repeat(40));
    out.add('\ud800 lone');
    const t = out.take();
    expect(Buffer.from(t).toString()).toBe(`short\n${'é'.repeat(40)}\n\ufffd lone\n`);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(t, [t.buffer as ArrayBuffer]);
    expect(t.byteLength).toBe(0); // detached: it was transferred, not copied
    // Nothing gathered: an empty array of its own, transferable too, and the next take is unharmed.
    const none = out.take();
    port1.postMessage(none, [none.buffer as ArrayBuffer]);
    out.add('after');
    const kept = out.take();
    out.add('later');
    expect(Buffer.from(kept).toString()).toBe('after\n');
    expect(Buffer.from(out.take()).toString()).toBe('later\n');
    port1.close();
    port2.close();
  });

  it('addJson writes the bytes of head + JSON.stringify(value).slice(1), whatever is frozen and however often it comes back', () => {
    fc.assert(
      fc.property(
        fc.array(valueArb, { minLength: 1, maxLength: 6 }),
        fc.infiniteStream(fc.nat()),
        fc.integer({ min: 1, max: 2_048 }),
        fc.array(fc.nat(20), { maxLength: 3 }),
        (values, picks, size, cuts) => {
          const frozen = values.map((v) => freezeSome(v, () => picks.next().value as number) as object);
          const out = new RecordBytes(size);
          const want: Buffer[] = [];
          const taken: Uint8Array[] = [];
          // Each value twice and in another record (its kept bytes, when it has any, are used the second time).
          for (let round = 0; round < 3; round++) {
            frozen.forEach((v, i) => {
              out.addJson(`{"line":${i},`, v);
              want.push(expected(`{"line":${i},`, v));
              if (cuts.includes(round * frozen.length + i)) taken.push(out.take());
            });
            out.add('between');
            want.push(Buffer.from('between\n'));
          }
          taken.push(out.take());
          expect(Buffer.concat(taken).equals(Buffer.concat(want))).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('addJson writes what it can no longer keep as JSON.stringify does, escapes and all', () => {
    const out = new RecordBytes(1_024);
    // More strings and keys than it keeps (10,000 each), then strings it has not seen.
    const filler = Object.fromEntries(Array.from({ length: 10_050 }, (_, i) => [`k${i}`, `v${i}`]));
    const odd = {
      quote: 'a "quoted" word',
      backslash: 'C:\\path\\to',
      controls: 'tab\there\nline\u0001\u001f end',
      del: 'del\u007f',
      accents: 'Dié kind se ma — “quoted”',
      lone: 'lone \ud800 and \udc00 surrogates',
      pair: 'emoji 👩‍👧',
      'key "with" \\ escapes\n': 'plain',
    };
    for (const value of [filler, odd, Object.freeze({ ...odd }), { nested: [odd, filler] }]) {
      out.addJson('{"line":1,', value);
      expect(Buffer.from(out.take()).equals(expected('{"line":1,', value))).toBe(true);
    }
  });

  it('json gives the bytes of JSON.stringify(value), keeping strings or not; without, no string of a value is kept', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 4 }), fc.infiniteStream(fc.nat()), fc.boolean(), (values, picks, keep) => {
        const frozen = values.map((v) => freezeSome(v, () => picks.next().value as number) as object);
        const out = new RecordBytes(256, keep);
        for (let round = 0; round < 2; round++)
          for (const v of frozen) {
            const b = out.json(v);
            expect(Buffer.from(b).equals(Buffer.from(JSON.stringify(v)))).toBe(true);
            expect(b.byteOffset === 0 && b.buffer.byteLength === b.byteLength).toBe(true);
          }
        if (!keep) expect(out.kept.strings).toBe(0);
      }),
      { numRuns: 300 },
    );
    // A full assessment: its frozen objects kept (the rules' own), none of its strings.
    const out = new RecordBytes(1_024, false);
    const { scenario } = loadScenarios().find((s) => !s.scenario.expected.error) as ReturnType<typeof loadScenarios>[number];
    const full = assess(scenario.case, { ...scenario.options, today: '2026-11-28', detail: 'full' });
    for (let i = 0; i < 2; i++) expect(Buffer.from(out.json(full)).toString()).toBe(JSON.stringify(full));
    expect(out.kept.strings).toBe(0);
    expect(out.kept.objects).toBeGreaterThan(0);
  });

  it('json leaves nothing of a value it could not write', () => {
    const out = new RecordBytes(16, false);
    const bad = {
      a: 'z'.repeat(100),
      get b(): string {
        throw new Error('no');
      },
    };
    expect(() => out.json(bad)).toThrow('no');
    expect(Buffer.from(out.json({ after: 1 })).toString()).toBe('{"after":1}');
  });

  it('addJson writes afresh a frozen object that holds one that is not frozen, so a change shows', () => {
    const inner = { n: 1, text: 'x'.repeat(40) };
    const outer = Object.freeze({ kept: Object.freeze({ a: 'constant '.repeat(5) }), inner });
    const out = new RecordBytes();
    out.addJson('{', { outer });
    inner.n = 2;
    inner.text = 'y'.repeat(40);
    out.addJson('{', { outer });
    expect(Buffer.from(out.take()).toString()).toBe(
      `${JSON.stringify({ outer: { ...outer, inner: { n: 1, text: 'x'.repeat(40) } } })}\n${JSON.stringify({ outer })}\n`,
    );
  });

  it('addJson leaves nothing of a record it could not write, and what came before stands', () => {
    const out = new RecordBytes(16);
    out.add('before');
    const bad = {
      a: 'z'.repeat(100),
      get b(): string {
        throw new Error('no');
      },
    };
    expect(() => out.addJson('{"line":2,', bad)).toThrow('no');
    out.add('after');
    expect(Buffer.from(out.take()).toString()).toBe('before\nafter\n');
  });

  it("addJson writes every scenario's full assessment, and its referenced form, as JSON.stringify does (both modes, cold and kept)", () => {
    const out = new RecordBytes(4_096);
    const want: Buffer[] = [];
    for (let round = 0; round < 2; round++) {
      for (const { scenario } of loadScenarios()) {
        if (scenario.expected.error) continue;
        for (const presumptions of [true, false]) {
          const full = assess(scenario.case, { ...scenario.options, presumptions, today: '2026-11-28', detail: 'full' });
          for (const value of [full, referenceTexts(full)]) {
            out.addJson('{"line":1,', value);
            want.push(expected('{"line":1,', value));
          }
        }
      }
    }
    expect(Buffer.from(out.take()).equals(Buffer.concat(want))).toBe(true);
  });

  it('addJson writes full assessments of random cases as JSON.stringify does', () => {
    const out = new RecordBytes();
    fc.assert(
      fc.property(caseArb, fc.boolean(), (c, presumptions) => {
        const full = assess(c, { presumptions, today: '2026-11-28', detail: 'full' });
        out.addJson('{"line":9,', full);
        expect(Buffer.from(out.take()).equals(expected('{"line":9,', full))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
