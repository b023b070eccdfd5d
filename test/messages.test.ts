/*
 * The message catalogue (issue 10): every sentence the library writes comes from one catalogue keyed
 * by a stable id; outputs carry the id and parameters beside the English text. A pseudo-locale that
 * brackets every message is run over every fixture: no text is left unbracketed but statute text
 * (and proper names and citations, which are not sentences the library writes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assess,
  checkCompliance,
  englishMessages,
  nextQuestions,
  safeAssess,
  isValidationError,
  type MessageParam,
  type MessageRef,
} from '../src/index.js';
import { formatMessage, placeholdersOf } from '../src/messages/message.js';
import { loadScenarios } from './helpers/fixtures.js';

const PSEUDO = Object.fromEntries(Object.entries(englishMessages).map(([id, t]) => [id, `⟦${t}⟧`]));

/** Keys whose strings are ids, enum values, dates, numbers, paths or addresses: never sentences. */
const CODE_KEYS = new Set([
  'id',
  'duty',
  'person',
  'fact',
  'about',
  'status',
  'strictStatus',
  'dutyStatus',
  'modality',
  'kind',
  'verification',
  'caseId',
  'assessmentDate',
  'lawAsAt',
  'mode',
  'rulesetVersion',
  'from',
  'latestDate',
  'inForceFrom',
  'inForceTo',
  'lastChecked',
  'source',
  'url',
  'sources',
  'number',
  'inputs',
  'concerns',
  'concern',
  'recipients',
  'duties',
  'persons',
  'forDuties',
  'provision',
  'within',
  'value',
  'msg',
]);

/**
 * Texts that are not the library's sentences: statute text as enacted (a citation's and an offence's
 * text, the contents and protections an Act lists, a penalty), an Act's title, a helpline's name,
 * and a guidance source's citation.
 */
function exempt(path: readonly (string | number)[]): boolean {
  const key = path[path.length - 1];
  const parent = path.filter((p) => typeof p === 'string').slice(-2, -1)[0];
  if (key === 'text' && (parent === 'citation' || parent === 'offence' || parent === 'contents' || parent === 'protections')) return true;
  if (key === 'text' && parent === 'penalty') return true;
  if (key === 'act' && parent === 'citation') return true;
  if (key === 'name' && parent === 'helplines') return true;
  if (key === 'cite') return true;
  return false;
}

/** Every string of an output that is a text (not an id, code, date, statute text or name), with its path. */
function texts(v: unknown, path: (string | number)[] = [], out: { path: string; text: string }[] = []): { path: string; text: string }[] {
  if (Array.isArray(v)) v.forEach((x, i) => texts(x, [...path, i], out));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) if (!CODE_KEYS.has(k)) texts(x, [...path, k], out);
  } else if (typeof v === 'string' && !exempt(path)) out.push({ path: path.join('.'), text: v });
  return out;
}

/** Every message reference an output carries (in `msg`, and nested in parameters). */
function refs(v: unknown, out: MessageRef[] = []): MessageRef[] {
  if (Array.isArray(v)) for (const x of v) refs(x, out);
  else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if (
      typeof o['id'] === 'string' &&
      (o['params'] === undefined || typeof o['params'] === 'object') &&
      Object.keys(o).every((k) => k === 'id' || k === 'params')
    ) {
      out.push(o as unknown as MessageRef);
      if (o['params']) refs(Object.values(o['params'] as object), out);
    } else for (const x of Object.values(o)) refs(x, out);
  }
  return out;
}

/** The texts of an output that carry a message, with the message: `msg.<field>` beside `<field>`. */
function withMessages(v: unknown, out: { text: unknown; ref: unknown }[] = []): { text: unknown; ref: unknown }[] {
  if (Array.isArray(v)) for (const x of v) withMessages(x, out);
  else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    const msg = o['msg'] as Record<string, unknown> | undefined;
    if (msg) for (const [field, ref] of Object.entries(msg)) out.push({ text: o[field], ref });
    for (const [k, x] of Object.entries(o)) if (k !== 'msg') withMessages(x, out);
  }
  return out;
}

const scenarios = loadScenarios();
const good = scenarios.filter(({ scenario }) => scenario.expected !== undefined && safeAssess(scenario.case as never).success);

describe('the message catalogue', () => {
  it('has ids in a stable dotted form and templates with named parameters only', () => {
    for (const [id, t] of Object.entries(englishMessages)) {
      expect(id, id).toMatch(/^[a-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_@-]+)*$/);
      expect(t.length, id).toBeGreaterThan(0);
      for (const m of t.matchAll(/\{([^}]*)\}/g)) expect(m[1], `${id}: ${t}`).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
    }
    expect(englishMessages['harm.neglect']).toBe('neglect');
    expect(Object.isFrozen(englishMessages)).toBe(true);
  });

  it.each(good.map(({ file, scenario }) => [`${file}: ${scenario.name}`, scenario] as const))(
    'pseudo-locale leaves no unbracketed text: %s',
    (_name, scenario) => {
      const a = assess(scenario.case as never, { ...scenario.options, detail: 'full', messages: PSEUDO });
      const found = texts(a);
      expect(found.length).toBeGreaterThan(0);
      const bare = found.filter((t) => !(t.text.startsWith('⟦') && t.text.endsWith('⟧')));
      expect(bare).toEqual([]);
    },
  );

  it.each(good.map(({ file, scenario }) => [`${file}: ${scenario.name}`, scenario] as const))(
    'each English text is its message rendered with the English catalogue, and every id exists: %s',
    (_name, scenario) => {
      const a = assess(scenario.case as never, { ...scenario.options, detail: 'full' });
      for (const { text, ref } of withMessages(a)) {
        if (Array.isArray(ref)) expect(text).toEqual(ref.map((r) => formatMessage(englishMessages, r as MessageRef)));
        else expect(text).toBe(formatMessage(englishMessages, ref as MessageRef));
      }
      for (const r of refs(a)) {
        expect(englishMessages[r.id], r.id).toBeDefined();
        expect(Object.keys(r.params ?? {}).sort(), r.id).toEqual(placeholdersOf(englishMessages[r.id] as string).sort());
      }
    },
  );

  const bad = scenarios.filter(({ scenario }) => !safeAssess(scenario.case as never).success);
  it.each(bad.map(({ file, scenario }) => [`${file}: ${scenario.name}`, scenario] as const))(
    'pseudo-locale reaches every validation issue: %s',
    (_name, scenario) => {
      const r = safeAssess(scenario.case as never, { messages: PSEUDO });
      expect(r.success).toBe(false);
      if (r.success) return;
      expect(r.error.issues.length).toBeGreaterThan(0);
      for (const i of r.error.issues) {
        expect(i.code).not.toBe('custom');
        expect(i.expected, i.at).toMatch(/^⟦.*⟧$/s);
        expect(i.message, i.at).toMatch(/^⟦.*⟧$/s);
        // `received` is the input value shown as it is, or words about it (then from the catalogue).
        if (i.msg.received) expect(i.received, i.at).toMatch(/^⟦.*⟧$/s);
        else expect(i.received.startsWith('⟦'), i.at).toBe(false);
      }
      const english = safeAssess(scenario.case as never);
      expect(english.success || english.error.issues.map((i) => i.message)).toEqual(
        r.error.issues.map((i) => formatMessage(englishMessages, i.msg.message)),
      );
    },
  );

  it.each(good.map(({ file, scenario }) => [`${file}: ${scenario.name}`, scenario] as const))(
    'pseudo-locale reaches every sentence of the compliance check: %s',
    (_name, scenario) => {
      const c = scenario.case as { assessmentDate?: string };
      const date = c.assessmentDate ?? '2026-11-30';
      const input = {
        case: scenario.case,
        actions: [
          { recipient: 'social_worker', date, form: 'Form 22' },
          { recipient: 'police', date: '2000-01-01' },
          { recipient: 'police', date, time: '10:00' },
        ],
        knowledgeTime: '09:00',
      } as never;
      const r = checkCompliance(input, { messages: PSEUDO });
      const bare = texts(r).filter((t) => !(t.text.startsWith('⟦') && t.text.endsWith('⟧')));
      expect(bare).toEqual([]);
      const en = checkCompliance(input);
      for (const { text, ref } of withMessages(en)) {
        if (Array.isArray(ref)) expect(text).toEqual(ref.map((x) => formatMessage(englishMessages, x as MessageRef)));
        else expect(text).toBe(formatMessage(englishMessages, ref as MessageRef));
      }
    },
  );

  it.each(good.slice(0, 40).map(({ file, scenario }) => [`${file}: ${scenario.name}`, scenario] as const))(
    'pseudo-locale reaches the interview (outline questions, answers, skip words): %s',
    (_name, scenario) => {
      const drafts = [
        {},
        { reporter: { role: 'teacher' } },
        { reporter: { role: 'teacher' }, concerns: [{ victim: 'child' }] },
        scenario.case,
      ];
      for (const draft of drafts) {
        const step = nextQuestions(draft as never, { assess: { messages: PSEUDO } });
        for (const q of step.questions) {
          expect(q.question).toMatch(/^⟦.*⟧$/s);
          expect(q.skip).toMatch(/^⟦.*⟧$/s);
          for (const spec of [q.answer, ...q.alternatives.map((a) => a.answer)])
            if ('options' in spec)
              for (const o of spec.options)
                if (o.msg) expect(o.label).toMatch(/^⟦.*⟧$/s);
                else expect(spec.kind).toBe('person');
        }
        if (step.assessment) expect(texts(step.assessment).filter((t) => !t.text.startsWith('⟦'))).toEqual([]);
      }
    },
  );

  it('every custom check in the schemas names its closed issue code and message (no issue comes out as custom)', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(__dirname, '..', 'src'));
    let checks = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\.refine\(|code: 'custom'/g)) {
        checks++;
        const after = text.slice(m.index, m.index + 400);
        expect(after.includes('custom('), `${path.relative(process.cwd(), f)} at ${m.index}: ${after.slice(0, 80)}`).toBe(true);
      }
    }
    expect(checks).toBeGreaterThan(10);
  });

  it('renders every template as replacing each {name} in it does, for any parameters given or missing', () => {
    // The renderer splits each template once at its placeholders; the reference is the regular expression it was.
    const reference = (catalogue: Record<string, string>, ref: MessageRef): string => {
      const template = catalogue[ref.id];
      if (template === undefined) return ref.id;
      const params = ref.params;
      if (params === undefined) return template;
      return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) => {
        const p = params[name];
        if (p === undefined) return whole;
        return typeof p === 'object' && !Array.isArray(p)
          ? reference(catalogue, p as MessageRef)
          : Array.isArray(p)
            ? p.map((x) => (typeof x === 'object' ? reference(catalogue, x) : String(x))).join(', ')
            : String(p);
      });
    };
    const catalogue = { ...englishMessages, edge: '{a}{a}{ b}{c1}x{}{{d}}', plain: 'no placeholder {', nested: 'N {inner} {a}' };
    const values: MessageParam[] = [
      'x',
      '',
      7,
      true,
      '{a}',
      ['one', 2, { id: 'edge' }],
      { id: 'plain' },
      { id: 'nested', params: { inner: 'i' } },
    ];
    let n = 0;
    for (const id of Object.keys(catalogue)) {
      const names = [...placeholdersOf(catalogue[id as keyof typeof catalogue] as string), 'a', 'unused'];
      const params: Record<string, MessageParam> = {};
      names.forEach((name, i) => {
        if ((i + n) % 4 !== 3) params[name] = values[(i + n) % values.length] as MessageParam;
      });
      for (const ref of [{ id }, { id, params }, { id, params: {} }] as MessageRef[]) {
        expect(formatMessage(catalogue, ref), id).toBe(reference(catalogue, ref));
        n++;
      }
    }
    expect(formatMessage(catalogue, { id: 'missing.id', params: { a: 'x' } })).toBe('missing.id');
  });

  it('renders a partial catalogue over the English one, without changing the English result', () => {
    const c = good[0]?.scenario.case as never;
    const before = JSON.stringify(assess(c));
    const a = assess(c, { messages: { disclaimer: 'Nie regsadvies nie.', 'test.equal': 'is {value}' } });
    expect(a.disclaimer).toBe('Nie regsadvies nie.');
    expect(a.msg.disclaimer.id).toBe('disclaimer');
    expect(a.duties[0]?.title).toBe(englishMessages[`duty.${a.duties[0]?.duty}.title`]);
    expect(JSON.stringify(assess(c))).toBe(before);
  });

  it('rejects an unknown message id and a parameter the English template does not have', () => {
    const c = good[0]?.scenario.case as never;
    const r = safeAssess(c, { messages: { 'no.such.message': 'x', 'question.concern': 'Saak {concern}: {vraag}' } });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(isValidationError(r.error)).toBe(true);
    expect(r.error.issues.map((i) => [i.code, i.at])).toEqual([
      ['unknown_message_id', 'options.messages.no.such.message'],
      ['unknown_placeholder', 'options.messages.question.concern'],
    ]);
    expect(r.error.issues[1]?.expected).toBe('only the parameters {concern}, {question}');
  });

  it('finds no message by a name every object inherits, and says what is wrong with a catalogue that is not an object (never throws)', () => {
    const c = good[0]?.scenario.case as never;
    for (const id of ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__']) {
      expect(englishMessages[id], id).toBeUndefined();
      // As a JSON file gives it: "__proto__" is then a key of its own.
      const r = safeAssess(c, { messages: JSON.parse(`{${JSON.stringify(id)}:"x"}`) as never });
      expect(r.success, id).toBe(false);
      if (!r.success) expect(r.error.issues.map((i) => [i.code, i.path.at(-1)])).toEqual([['unknown_message_id', id]]);
    }
    for (const m of ['x', 1, true, null, []]) {
      const r = safeAssess(c, { messages: m as never });
      expect(r.success, JSON.stringify(m)).toBe(false);
      if (!r.success) expect(r.error.issues.map((i) => [i.code, i.at])).toEqual([['invalid_type', 'options.messages']]);
    }
  });
});
