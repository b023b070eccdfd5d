import * as z from 'zod';
import { describeValue, makeIssue, ValidationError, vm, type ValidationIssue } from '../errors/validation-error.js';
import { formatMessage, placeholdersOf, type MessageCatalogue, type MessageRef } from '../messages/message.js';
import { englishMessages } from './messages.js';

/**
 * A partial catalogue that overrides the English one: message id to template. Each id must be an
 * id of `englishMessages`, and a template may use only the parameters the English one uses.
 *
 * @example
 * ```ts
 * const zu: Messages = { 'question.concern': 'Udaba {concern}: {question}' };
 * assess(myCase, { messages: zu });
 * ```
 */
export type Messages = Readonly<Partial<Record<string, string>>>;

const MessagesShape = z.record(z.string(), z.string());

/**
 * Checks a partial catalogue and returns the whole catalogue it makes with the English one, or the
 * issues: `unknown_message_id` for an id the library does not have, `unknown_placeholder` for a
 * `{name}` the English template does not use.
 */
export function catalogueOf(messages: unknown, path: readonly (string | number)[] = ['messages']): MessageCatalogue | ValidationError {
  const r = MessagesShape.safeParse(messages);
  if (!r.success)
    return new ValidationError('options', [
      makeIssue('invalid_type', path, vm('validation.expected.messages'), vm('validation.received.somethingElse')),
    ]);
  const issues: ValidationIssue[] = [];
  // The object's own keys as given (a parsed record drops a "__proto__" key), looked up as own keys only.
  const own = messages as Readonly<Record<string, string>>;
  for (const id of Object.keys(own)) {
    const template = own[id] as string;
    const english = Object.hasOwn(englishMessages, id) ? englishMessages[id] : undefined;
    if (english === undefined) {
      issues.push(makeIssue('unknown_message_id', [...path, id], vm('validation.expected.messageId'), describeValue(id)));
      continue;
    }
    const allowed = placeholdersOf(english);
    for (const name of placeholdersOf(template))
      if (!allowed.includes(name))
        issues.push(
          makeIssue(
            'unknown_placeholder',
            [...path, id],
            allowed.length > 0
              ? vm('validation.expected.onlyParameters', { parameters: allowed.map((a) => `{${a}}`) })
              : vm('validation.expected.noParameters'),
            `{${name}}`,
            { parameters: allowed },
          ),
        );
  }
  if (issues.length > 0) return new ValidationError('options', issues);
  // No prototype: an id such as "toString" finds nothing it was not given.
  return Object.freeze(Object.assign(Object.create(null) as Record<string, string>, englishMessages, r.data));
}

function isRef(v: unknown): v is MessageRef {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string';
}

/**
 * A copy of an output with every text that carries a message (`msg`) rendered with the given
 * catalogue. Shared (frozen) parts of the output are copied, never changed.
 */
export function localize<T>(value: T, catalogue: MessageCatalogue): T {
  return walk(value, catalogue) as T;
}

function walk(v: unknown, catalogue: MessageCatalogue): unknown {
  if (Array.isArray(v)) return v.map((x) => walk(x, catalogue));
  if (typeof v !== 'object' || v === null) return v;
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) out[k] = walk(src[k], catalogue);
  const msg = src['msg'];
  if (typeof msg === 'object' && msg !== null && !isRef(msg)) {
    for (const [field, ref] of Object.entries(msg as Record<string, unknown>)) {
      if (Array.isArray(ref)) out[field] = ref.map((r) => formatMessage(catalogue, r as MessageRef));
      else if (isRef(ref)) out[field] = formatMessage(catalogue, ref);
    }
  }
  return out;
}

/** The error with every issue's texts rendered with the catalogue (the error's own `message` stays English: it is for developers' logs). */
export function localizeError(e: ValidationError, catalogue: MessageCatalogue): ValidationError {
  const issues = localize(e.issues, catalogue) as ValidationIssue[];
  return new ValidationError(e.subject, issues);
}
