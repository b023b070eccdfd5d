/**
 * A tiny HTML builder: a tagged template that escapes every interpolated value unless it is
 * already {@link Html}. Used by the site generator and by the try-it page in the browser, so
 * text typed into the form can never become markup.
 */

import { prose, publicText } from './public-text.js';

/** A string of markup that is safe to insert as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: markup, text (escaped), numbers, or nothing. */
export type Child = Html | string | number | boolean | null | undefined | readonly Child[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

function render(c: Child, inAttribute = false): string {
  if (c === null || c === undefined || c === false || c === true) return '';
  if (c instanceof Html) return c.value;
  if (Array.isArray(c)) return c.map((x) => render(x, inAttribute)).join('');
  // Text never shows a file of the project, a duty id or a raw code (see public-text.ts); attribute values stay as they are.
  return esc(inAttribute ? String(c) : prose(publicText(String(c))));
}

/** True when markup built so far ends inside a quoted attribute value (text is escaped, so every raw quote is markup). */
function insideAttribute(markup: string): boolean {
  const open = markup.lastIndexOf('<');
  if (open < markup.lastIndexOf('>')) return false;
  let quotes = 0;
  for (let i = open; i < markup.length; i++) if (markup.charCodeAt(i) === 34) quotes++;
  return quotes % 2 === 1;
}

/** Builds markup; interpolated values are escaped unless they are {@link Html}. */
export function html(strings: TemplateStringsArray, ...values: readonly Child[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v, insideAttribute(out)) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Marks a string as markup (only for strings this code built itself). */
export function raw(s: string): Html {
  return new Html(s);
}

/** Text shown exactly as it is (escaped only): identifiers and data a reader may copy. */
export function verbatim(s: string): Html {
  return new Html(esc(s));
}

/** Joins children into one piece of markup. */
export function join(parts: readonly Child[], sep: Child = ''): Html {
  const out: string[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(render(sep));
    out.push(render(p));
  });
  return new Html(out.join(''));
}

/** A heading of a computed level (h1–h6), so nested renderers keep headings in order. */
export function heading(level: number, content: Child, attrs: Child = ''): Html {
  const n = Math.min(6, Math.max(1, level));
  return html`<h${raw(String(n))}${attrs}>${content}</h${raw(String(n))}>`;
}

/** A slug for ids and file names: lower case letters, digits and hyphens. */
export function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
