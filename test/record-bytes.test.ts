import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordBytes } from '../src/cli/record-bytes.js';

/*
 * Batch output is gathered as UTF-8 bytes (src/cli/record-bytes.ts): whatever the records, in
 * whatever sizes, the bytes taken are exactly the records' text with a newline after each, as
 * Buffer.from encodes it, and each take is a buffer of its own that can be transferred.
 */

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
});
