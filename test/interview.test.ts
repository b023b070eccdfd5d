/**
 * The guided interview step (`nextQuestions`, `applyAnswer`): it outlines a case from nothing,
 * then asks the assessment's open questions, and an interview that answers from a known case
 * reaches that case's assessment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyAnswer,
  assess,
  nextQuestions,
  REPORTER_ROLES,
  type CaseDraft,
  type CaseInput,
  type InterviewQuestion,
} from '../src/index.js';

const ROOT = path.resolve(__dirname, '..');
const MITCHELLS_PLAIN = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/mitchells-plain.json'), 'utf8')) as CaseInput;

type Loose = { reporter?: Record<string, unknown>; people: Record<string, unknown>[]; concerns: Record<string, unknown>[] } & Record<
  string,
  unknown
>;

/** The known case's value for a question's input: people are matched by label, not by position. */
function known(c: CaseInput, draft: CaseDraft, input: string): unknown {
  const k = c as unknown as Loose;
  const m = /^(?:(reporter)\.|(people|concerns)\[(\d+)\]\.)?(\w+)$/.exec(input);
  if (!m) throw new Error(input);
  const field = m[4] as string;
  if (m[1]) return k.reporter?.[field];
  if (m[2] === 'people') {
    const id = draft.people?.[Number(m[3])]?.id;
    return k.people.find((p) => p['id'] === id)?.[field];
  }
  if (m[2] === 'concerns') return k.concerns[Number(m[3])]?.[field];
  return k[field];
}

/** Runs the interview, answering each first question from a known case (or "I don't know"). */
function interview(
  c: CaseInput,
  start: CaseDraft = {},
): { draft: CaseDraft; asked: InterviewQuestion[]; step: ReturnType<typeof nextQuestions> } {
  let draft = start;
  const unanswerable: string[] = [];
  const asked: InterviewQuestion[] = [];
  for (let n = 0; n < 200; n++) {
    const step = nextQuestions(draft, { unanswerable });
    if (step.stage === 'done') return { draft, asked, step };
    const q = step.questions[0] as InterviewQuestion;
    asked.push(q);
    const choice = [q, ...q.alternatives].find((i) => known(c, draft, i.input) !== undefined);
    if (choice) draft = applyAnswer(draft, choice.input, known(c, draft, choice.input) as string | number | boolean);
    else unanswerable.push(q.input, ...q.alternatives.map((a) => a.input));
  }
  throw new Error('the interview did not end');
}

const statuses = (a: ReturnType<typeof assess>) => Object.fromEntries(a.duties.map((d) => [`${d.duty}|${d.person}`, d.status]));

describe('nextQuestions', () => {
  it('starts from nothing with who you are, as a choice of every role, "I don\'t know" always possible', () => {
    const step = nextQuestions({});
    expect(step.stage).toBe('outline');
    expect(step.assessment).toBeNull();
    const q = step.questions[0] as InterviewQuestion;
    expect(q.input).toBe('reporter.role');
    expect(q.skip).toBe("I don't know");
    expect(q.answer.kind).toBe('choice');
    if (q.answer.kind === 'choice') expect(q.answer.options.map((o) => o.value)).toEqual([...REPORTER_ROLES]);
  });

  it('then asks who is at risk and what happened, before anything can be assessed', () => {
    const s1 = nextQuestions({ reporter: { role: 'teacher' } });
    expect(s1.questions[0]?.input).toBe('concerns[0].victim');
    expect(s1.questions[0]?.answer.kind).toBe('person');
    const d = applyAnswer({ reporter: { role: 'teacher' } }, 'concerns[0].victim', 'Lerato, 5');
    expect(d.people).toEqual([{ id: 'Lerato, 5' }]);
    const s2 = nextQuestions(d);
    expect(s2.questions[0]?.input).toBe('concerns[0].harm');
    expect(s2.assessment).toBeNull();
    // Who did it: anyone but the person harmed.
    const s3 = nextQuestions(applyAnswer(applyAnswer(d, 'people[1].id', 'uncle'), 'concerns[0].harm', 'neglect'));
    expect(s3.questions[0]?.input).toBe('concerns[0].allegedBy');
    expect(s3.questions[0]?.answer).toEqual({ kind: 'person', options: [{ value: 'uncle', label: 'uncle' }] });
  });

  it('asks the assessment’s questions with the input to set and the statuses they settle, ages in years first', () => {
    const d: CaseDraft = {
      assessmentDate: '2026-11-28',
      reporter: { role: 'teacher', knowledgeDate: '2026-11-20' },
      people: [{ id: 'Lerato, 5' }, { id: 'uncle' }],
      concerns: [{ id: 'c1', victim: 'Lerato, 5', harm: 'sexual_abuse', allegedBy: 'uncle' }],
    };
    const step = nextQuestions(d, { unanswerable: ['concerns[1].victim'] });
    expect(step.stage).toBe('questions');
    expect(step.assessment?.questions.length).toBeGreaterThan(0);
    const age = step.questions.find((q) => q.fact === 'victimAgeAtKnowledge' && q.about === 'Lerato, 5');
    expect(age?.input).toBe('people[0].ageYears');
    expect(age?.answer).toEqual({ kind: 'number', min: 0, max: 130 });
    expect(age?.alternatives.map((a) => a.input)).toContain('people[0].dateOfBirth');
    expect(age?.alternatives.find((a) => a.input === 'people[0].dateOfBirth')?.answer.kind).toBe('date');
    expect(age?.settles.length).toBeGreaterThan(0);
    // Every question is one the assessment asks, with its settles.
    for (const q of step.questions) {
      const src = step.assessment?.questions.find((x) => x.fact === q.fact && x.about === q.about);
      expect(src?.inputs).toContain(q.input);
      expect(q.settles).toEqual(src?.settles);
    }
  });

  it('never asks again what the user could not answer, and ends when only such questions remain', () => {
    const d: CaseDraft = {
      assessmentDate: '2026-11-28',
      reporter: { role: 'member_of_public' },
      concerns: [{ id: 'c1', victim: 'x', harm: 'neglect' }],
      people: [{ id: 'x' }],
    };
    const unanswerable: string[] = [];
    let step = nextQuestions(d, { unanswerable });
    let n = 0;
    while (step.stage !== 'done' && n++ < 100) {
      const q = step.questions[0] as InterviewQuestion;
      expect(unanswerable).not.toContain(q.input);
      unanswerable.push(q.input, ...q.alternatives.map((a) => a.input));
      step = nextQuestions(d, { unanswerable });
    }
    expect(step.stage).toBe('done');
    expect(step.assessment?.duties.some((x) => x.status === 'may_apply')).toBe(true);
    expect(step.unanswered.length).toBeGreaterThan(0);
  });

  it('from an empty start, answering from the Mitchell’s Plain case reaches its assessment', () => {
    const { step, asked } = interview(MITCHELLS_PLAIN, { assessmentDate: '2026-11-28' });
    expect(asked[0]?.input).toBe('reporter.role');
    expect(asked.some((q) => q.fact === 'anotherVictim')).toBe(true);
    expect(step.assessment).not.toBeNull();
    expect(statuses(step.assessment as ReturnType<typeof assess>)).toEqual(statuses(assess(MITCHELLS_PLAIN)));
    expect(
      step.assessment?.overlaps
        .filter((o) => o.status === 'applies')
        .map((o) => o.person)
        .sort(),
    ).toEqual(['child-a', 'child-b']);
  });

  it('reaches the same statuses as the full case for every worked and example case', () => {
    const cases = [
      MITCHELLS_PLAIN,
      JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/teacher-injured-child.json'), 'utf8')) as CaseInput,
    ];
    const worked = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/worked-cases.json'), 'utf8')) as { cases: { case?: CaseInput }[] };
    for (const w of worked.cases) if (w.case) cases.push(w.case);
    for (const c of cases) {
      const start: CaseDraft = (c as { assessmentDate?: string }).assessmentDate
        ? { assessmentDate: (c as { assessmentDate: string }).assessmentDate }
        : {};
      const { step } = interview(c, start);
      expect(statuses(step.assessment as ReturnType<typeof assess>)).toEqual(statuses(assess(c)));
    }
  });

  it('offers a typed answer for an input field it does not know, and reports answers that do not fit', () => {
    const d: CaseDraft = {
      reporter: { role: 'teacher' },
      people: [{ id: 'a' }],
      concerns: [{ id: 'c1', victim: 'a', harm: 'neglect', allegedBy: 'a' }],
    };
    const step = nextQuestions(d);
    expect(step.assessment).toBeNull();
    expect(step.issues[0]?.at).toBe('concerns[0].allegedBy');
  });
});

describe('applyAnswer', () => {
  it('sets a copy, creates concerns with the next free id, adds new people, and removes a field with undefined', () => {
    const d0: CaseDraft = {};
    const d1 = applyAnswer(d0, 'concerns[1].allegedBy', 'partner');
    expect(d0).toEqual({});
    expect(d1.concerns).toEqual([{ id: 'c1' }, { id: 'c2', allegedBy: 'partner' }]);
    expect(d1.people).toEqual([{ id: 'partner' }]);
    const d2 = applyAnswer(applyAnswer(d1, 'reporter.inCourseOfDuties', false), 'concerns[1].allegedBy', undefined);
    expect(d2.reporter).toEqual({ inCourseOfDuties: false });
    expect(d2.concerns?.[1]).toEqual({ id: 'c2' });
    expect(() => applyAnswer(d0, 'people.0.id', 'x')).toThrow(RangeError);
  });

  it('refuses what is no single field of a case, an index no case can have, and a draft that is not one', () => {
    // A list, an unknown field, a name every object inherits: each replaced or added a field.
    for (const input of ['concerns', 'people', 'reporter', 'reporter.foo', 'constructor', 'people[0].constructor'])
      expect(() => applyAnswer({}, input, 'x'), input).toThrow(RangeError);
    // The schema's limits (200 people, 500 concerns): 20,000 took 16 s and 50,000,000 ran out of memory.
    expect(applyAnswer({}, 'people[199].id', 'x').people).toHaveLength(200);
    expect(() => applyAnswer({}, 'people[200].id', 'x')).toThrow(RangeError);
    expect(() => applyAnswer({}, 'concerns[20000].victim', 'x')).toThrow(RangeError);
    expect(() => applyAnswer({}, 'people[50000000].id', 'x')).toThrow(RangeError);
    for (const d of [null, 5, 'abc', [], { people: 'x' }, { concerns: [null] }, { reporter: 'x' }])
      expect(() => applyAnswer(d as never, 'reporter.role', 'teacher'), JSON.stringify(d)).toThrow(RangeError);
  });
});

describe('nextQuestions on a draft it cannot read', () => {
  it('gives the validation issues and asks nothing, never throws (a shared link can carry anything)', () => {
    for (const d of [
      null,
      undefined,
      5,
      'abc',
      [],
      { concerns: 'abc' },
      { concerns: {} },
      { concerns: [null] },
      { people: 'x' },
      { people: [null] },
    ]) {
      const step = nextQuestions(d as never);
      expect(step.stage, JSON.stringify(d)).toBe('done');
      expect(step.questions).toEqual([]);
      expect(step.issues.length, JSON.stringify(d)).toBeGreaterThan(0);
    }
  });

  it('says why when nothing is left to ask and the outline still cannot be assessed (a victim or harm of the wrong kind)', () => {
    let d: CaseDraft = { reporter: { role: 'teacher', knowledgeDate: '2026-11-20' }, people: [{ id: 'a' }, { id: 'b' }] };
    d = { ...d, concerns: [{ id: 'c1', victim: 5, harm: {}, allegedBy: 'b' } as never] };
    const step = nextQuestions(d, { unanswerable: ['concerns[1].victim'] });
    expect(step.stage).toBe('done');
    expect(step.issues.map((i) => i.at)).toEqual(expect.arrayContaining(['concerns[0].victim', 'concerns[0].harm']));
  });

  it('offers as someone else harmed only people not harmed yet, and never the person said to have done it as the one harmed', () => {
    const d: CaseDraft = {
      reporter: { role: 'teacher' },
      people: [{ id: 'child' }, { id: 'father' }, { id: 'sister' }],
      concerns: [{ id: 'c1', victim: 'child', harm: 'physical_abuse', allegedBy: 'father' }],
    };
    const more = nextQuestions(d).questions.find((q) => q.input === 'concerns[1].victim');
    expect(more?.answer).toEqual({
      kind: 'person',
      options: [
        { value: 'father', label: 'father' },
        { value: 'sister', label: 'sister' },
      ],
    });
    // Answering always with the first option offered ends (it once added the same victim again and again).
    let draft: CaseDraft = d;
    const unanswerable: string[] = [];
    let steps = 0;
    for (; steps < 60; steps++) {
      const q = nextQuestions(draft, { unanswerable }).questions[0];
      if (!q) break;
      const a = q.answer;
      const value =
        a.kind === 'choice' || a.kind === 'person'
          ? a.options[0]?.value
          : a.kind === 'number'
            ? 30
            : a.kind === 'date'
              ? '2026-11-20'
              : 'x';
      // No option left: the question's skip ("no one else"), as an interface offers it.
      if (value === undefined) unanswerable.push(q.input);
      else draft = applyAnswer(draft, q.input, value);
    }
    expect(steps).toBeLessThan(60);
    expect(draft.concerns?.map((k) => k.victim)).toEqual(['child', 'father', 'sister']);
    // "I don't know" for a concern not made yet makes no empty concern.
    expect(applyAnswer(d, 'concerns[1].victim', undefined)).toEqual(d);
    const asVictim = nextQuestions({
      reporter: { role: 'teacher' },
      people: [{ id: 'a' }, { id: 'b' }],
      concerns: [{ id: 'c1', allegedBy: 'b' }],
    }).questions[0];
    expect(asVictim?.input).toBe('concerns[0].victim');
    expect(asVictim?.answer).toEqual({ kind: 'person', options: [{ value: 'a', label: 'a' }] });
  });
});
