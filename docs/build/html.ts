/**
 * A tiny HTML builder: a tagged template that escapes every interpolated value unless it is
 * already {@link Html}. Used by the site generator and by the try-it page in the browser, so
 * text typed into the form can never become markup.
 */

import { publicText } from './public-text.js';

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

function render(c: Child): string {
  if (c === null || c === undefined || c === false || c === true) return '';
  if (c instanceof Html) return c.value;
  if (Array.isArray(c)) return c.map(render).join('');
  // Text never shows a file of the project (see public-text.ts).
  return esc(publicText(String(c)));
}

/** Builds markup; interpolated values are escaped unless they are {@link Html}. */
export function html(strings: TemplateStringsArray, ...values: readonly Child[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Marks a string as markup (only for strings this code built itself). */
export function raw(s: string): Html {
  return new Html(s);
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
