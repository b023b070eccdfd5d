import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { runBatch } from '../src/cli/batch.js';
import { ROOT } from './helpers/fixtures.js';
import { Sink } from './helpers/cli.js';

// A bug met while reading one line (reading once recursed past the call stack on deep nesting)
// gives that line an internal_error record, and the run goes on: a fault put into the JSON reader.
vi.mock('../src/cli/json.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/cli/json.js')>();
  return {
    ...real,
    parseJson: (text: string) => {
      if (text.includes('"fault-here"')) throw new RangeError('Maximum call stack size exceeded');
      return real.parseJson(text);
    },
  };
});

const teacher = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'teacher-injured-child.json'), 'utf8')) as object;

describe('batch: a bug while reading a line', () => {
  it('gives that line an internal_error record, without echoing it, and the next lines are assessed', async () => {
    const text = [
      { ...teacher, id: 'before' },
      { ...teacher, id: 'fault-here' },
      { ...teacher, id: 'after' },
    ]
      .map((c) => JSON.stringify(c))
      .join('\n');
    const out = new Sink();
    const s = await runBatch(Readable.from([Buffer.from(text)]), out, {});
    expect(s).toMatchObject({ lines: 3, assessed: 2, errors: 1, errorLines: [2] });
    expect(s.stoppedEarly).toBeUndefined();
    const records = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; caseId?: string; error?: { code: string; message: string } });
    expect(records.map((r) => r.caseId ?? r.error?.code)).toEqual(['before', 'internal_error', 'after']);
    expect(records[1]?.error?.message).toBe('internal error while assessing this line (RangeError); please report it');
    expect(out.text()).not.toContain('fault-here');
  });
});
