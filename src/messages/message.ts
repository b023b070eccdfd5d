/**
 * Messages: every sentence the library produces comes from one catalogue, keyed by a stable
 * message id, with named parameters (`{name}` in the template). Outputs carry each text in
 * English (or in the catalogue given) and, beside it in `msg`, the id and parameters it was made
 * from, so that an app can render it again in another language.
 */

/**
 * A parameter of a message: a value, another message (rendered with the same catalogue), or a list
 * of them (joined with ", ").
 *
 * @example
 * ```ts
 * const who: MessageParam = { id: 'word.them' }; // renders as 'them' in English
 * ```
 */
export type MessageParam = string | number | boolean | MessageRef | readonly (string | number | MessageRef)[];

/**
 * A message as data: its id in the catalogue and its named parameters.
 *
 * @example
 * ```ts
 * const ref: MessageRef = { id: 'question.concern', params: { concern: 'c1', question: { id: 'fact.victimAgeAtKnowledge.question', params: { victim: 'child-a' } } } };
 * ```
 */
export interface MessageRef {
  readonly id: string;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

/**
 * A catalogue: message id to template (`{name}` marks a parameter).
 *
 * @example
 * ```ts
 * const af: MessageCatalogue = { 'status.applies': 'van toepassing' };
 * ```
 */
export type MessageCatalogue = Readonly<Record<string, string>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The parameter names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) if (!out.includes(m[1] as string)) out.push(m[1] as string);
  return out;
}

function paramText(p: MessageParam, catalogue: MessageCatalogue): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number' || typeof p === 'boolean') return String(p);
  if (Array.isArray(p)) return (p as readonly (string | number | MessageRef)[]).map((x) => paramText(x, catalogue)).join(', ');
  return formatMessage(catalogue, p as MessageRef);
}

/**
 * Renders a message with a catalogue: the template of its id with each `{name}` replaced by its
 * parameter (a nested message is rendered with the same catalogue). An id missing from the
 * catalogue renders as the id itself, a parameter missing from the message as `{name}`.
 *
 * @example
 * ```ts
 * formatMessage({ hi: 'Hello {who}' }, { id: 'hi', params: { who: 'you' } }); //=> 'Hello you'
 * ```
 */
export function formatMessage(catalogue: MessageCatalogue, ref: MessageRef): string {
  const template = catalogue[ref.id];
  if (template === undefined) return ref.id;
  const params = ref.params;
  if (params === undefined) return template;
  const parts = partsOf(template);
  if (parts.length === 1) return template;
  const out: string[] = [parts[0] as string];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    const p = params[name];
    out.push(p === undefined ? `{${name}}` : paramText(p, catalogue), parts[i + 1] as string);
  }
  return out.join('');
}

/** Templates split at their placeholders (each template once): text, a parameter's name, text, ... text. */
const templateParts = new Map<string, readonly string[]>();
function partsOf(template: string): readonly string[] {
  let parts = templateParts.get(template);
  if (parts === undefined) {
    const out: string[] = [];
    let last = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      out.push(template.slice(last, m.index), m[1] as string);
      last = m.index + m[0].length;
    }
    out.push(template.slice(last));
    parts = out;
    // A catalogue has a bounded number of templates; one built per call is not kept past this many.
    if (templateParts.size < 10_000) templateParts.set(template, parts);
  }
  return parts;
}

const constants = new Map<string, MessageRef>();
/** A message without parameters, as one shared frozen object per id. */
export function constantRef(id: string): MessageRef {
  let r = constants.get(id);
  if (r === undefined) constants.set(id, (r = Object.freeze({ id })));
  return r;
}

/**
 * A message id from a text that has no id of its own (a condition's name in a rule file): the
 * text in lower case, every run of other characters than letters and digits made one `-`.
 */
export function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
