import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess, checkCompliance, dutyCatalogue, expandTexts, referenceTexts } from '../src/index.js';
import { loadScenarios, ROOT } from './helpers/fixtures.js';

// A caller that changes a result (say a UI adds a recipient to duties[i].recipients) must not
// change any later result: shared rule data is frozen, and a result's own objects are its own.

const scenarios = loadScenarios().filter((s) => !s.scenario.expected.error);
const mitchellsPlain = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'mitchells-plain.json'), 'utf8')) as Record<string, unknown>;
const checkInput = {
  case: mitchellsPlain,
  knowledgeTime: '09:00',
  actions: [
    { recipient: 'social_worker', date: '2026-11-21', time: '10:00', person: 'child-a' },
    { recipient: 'police', date: '2026-11-22' },
  ],
};

function everything(): unknown[] {
  // The referenced form and its expansion too (the expansion shares the same frozen rule data).
  const referenced = scenarios.slice(0, 20).map((s) => referenceTexts(assess(s.scenario.case, { detail: 'full' })));
  const expanded = referenced.map((r) => expandTexts(JSON.parse(JSON.stringify(r)) as unknown));
  return [
    ...scenarios.map((s) => assess(s.scenario.case)),
    ...referenced,
    ...expanded,
    checkCompliance(checkInput as unknown),
    dutyCatalogue(),
  ];
}

/** Every object and array reachable from `root`. */
function reachable(root: unknown): object[] {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    for (const k of Reflect.ownKeys(v)) stack.push((v as Record<PropertyKey, unknown>)[k]);
  }
  return [...seen];
}

/** Tries every kind of change on `o`; frozen objects throw TypeError, which is what they are for. */
function vandalise(o: object): number {
  let changed = 0;
  const attempt = (f: () => void) => {
    try {
      f();
      changed++;
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
    }
  };
  if (Array.isArray(o)) {
    const a = o as unknown[];
    attempt(() => a.push('police'));
    attempt(() => a.reverse());
    attempt(() => a.shift());
    attempt(() => {
      a[0] = 'vandalised';
    });
    return changed;
  }
  const r = o as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    const v = r[k];
    attempt(() => {
      r[k] = typeof v === 'string' ? 'vandalised' : typeof v === 'number' ? -1 : typeof v === 'boolean' ? !v : null;
    });
  }
  attempt(() => {
    r.vandalised = true;
  });
  const first = Object.keys(r)[0];
  if (first !== undefined) attempt(() => delete r[first]);
  return changed;
}

describe('results cannot corrupt later results', () => {
  it('every object and array reachable from every result can be changed without changing the next results', () => {
    const before = JSON.stringify(everything());
    let objects = 0;
    let changed = 0;
    for (const result of everything()) {
      for (const o of reachable(result)) {
        objects++;
        changed += vandalise(o);
      }
    }
    // The walk really reached the results' insides, and their own (fresh) parts were changed.
    expect(objects).toBeGreaterThan(10_000);
    expect(changed).toBeGreaterThan(0);
    expect(JSON.stringify(everything())).toBe(before);
  });

  it('a recipient pushed onto a SORMA s54(1) duty does not make a social-worker report meet it later', () => {
    const sexualAbuse = {
      assessmentDate: '2026-11-28',
      reporter: { role: 'member_of_public', ageYears: 40, knowledgeDate: '2026-11-20' },
      people: [
        { id: 'child-a', ageYears: 9 },
        { id: 'stepfather', ageYears: 40, sex: 'male' },
      ],
      concerns: [
        {
          id: 'c1',
          victim: 'child-a',
          allegedBy: 'stepfather',
          relationship: 'step_parent',
          harm: 'sexual_abuse',
          basis: 'knowledge',
          incidentDate: '2026-11-18',
        },
      ],
    };
    const d = assess(sexualAbuse as unknown).duties.find((x) => x.duty === 'soa-s54-1' && x.person === 'child-a');
    expect(d?.recipients).toEqual(['police']);
    try {
      ((d as NonNullable<typeof d>).recipients as string[]).push('social_worker');
    } catch (e) {
      expect(e).toBeInstanceOf(TypeError);
    }
    const again = assess(sexualAbuse as unknown).duties.find((x) => x.duty === 'soa-s54-1' && x.person === 'child-a');
    expect(again?.recipients).toEqual(['police']);
    const c = checkCompliance({
      case: sexualAbuse,
      actions: [{ recipient: 'social_worker', date: '2026-11-21', person: 'child-a' }],
    } as unknown);
    expect(c.items.find((i) => i.id === 'soa-s54-1')?.status).toBe('unmet');
  });
});
