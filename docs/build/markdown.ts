/**
 * A small Markdown renderer for the repository's own documents (docs/interpretation.md,
 * docs/cli.md, CHANGELOG.md): headings, paragraphs, nested lists, tables, fenced code,
 * block quotes, inline code, emphasis and links. Headings are re-levelled so a page's
 * outline never skips a level; links are passed through a rewriter so that links to files
 * outside the site become plain text rather than broken links.
 */
import { esc, slug } from './html.js';

/** Options for {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** The heading level the document's shallowest heading becomes (1 for a page of its own). */
  readonly topLevel: number;
  /** Maps a link target to a site URL, or null to render the link text only. */
  readonly rewriteLink: (href: string) => string | null;
  /** Prefix for heading ids. */
  readonly idPrefix?: string;
}

interface State {
  readonly o: MarkdownOptions;
  shift: number | null;
  prevLevel: number;
  readonly ids: Set<string>;
}

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const TABLE_SEP = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Inline Markdown to HTML: code spans, links, strong, emphasis; everything else escaped. */
export function inline(text: string, o: Pick<MarkdownOptions, 'rewriteLink'>): string {
  const codes: string[] = [];
  let s = text.replace(/`([^`]+)`/g, (_, c: string) => {
    codes.push(`<code>${esc(c)}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  const links: string[] = [];
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_, label: string, href: string) => {
    const target = o.rewriteLink(href);
    const inner = inlineMarks(esc(label));
    links.push(
      target === null ? inner : `<a href="${esc(target)}"${/^https?:/.test(target) ? ' rel="external noreferrer"' : ''}>${inner}</a>`,
    );
    return `\u0001${links.length - 1}\u0001`;
  });
  s = inlineMarks(esc(s));
  s = s.replace(/\u0001(\d+)\u0001/g, (_, i: string) => links[Number(i)] ?? '');
  return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)] ?? '');
}

function inlineMarks(s: string): string {
  return s
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/(^|[\s(])_([^_\s][^_]*)_(?=[\s.,;:)]|$)/g, '$1<em>$2</em>');
}

function headingHtml(level: number, text: string, st: State): string {
  if (st.shift === null) st.shift = st.o.topLevel - level;
  let n = Math.max(st.o.topLevel, Math.min(6, level + st.shift));
  if (n > st.prevLevel + 1) n = st.prevLevel + 1;
  st.prevLevel = n;
  let id = (st.o.idPrefix ?? '') + (slug(text.replace(/`/g, '')) || 'section');
  for (let i = 2; st.ids.has(id); i++) id = `${id}-${i}`;
  st.ids.add(id);
  return `<h${n} id="${id}">${inline(text, st.o)}</h${n}>`;
}

function splitRow(line: string): string[] {
  let t = line.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|')) t = t.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  let inCode = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i] as string;
    if (ch === '`') inCode = !inCode;
    if (ch === '\\' && t[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (ch === '|' && !inCode) {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

function isBlockStart(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || ITEM.test(line) || /^\s*>/.test(line) || /^\s*\|/.test(line);
}

function indentOf(line: string): number {
  return (/^\s*/.exec(line)?.[0] ?? '').length;
}

function blocks(lines: readonly string[], st: State): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const fence = (FENCE.exec(line) as RegExpExecArray)[1] as string;
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] as string).trim().startsWith(fence)) code.push(lines[i++] as string);
      i++;
      out.push(`<pre><code>${esc(code.join('\n'))}</code></pre>`);
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      out.push(headingHtml((h[1] as string).length, h[2] as string, st));
      i++;
      continue;
    }
    if (/^\s*\|/.test(line) && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1] as string)) {
      const head = splitRow(line);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && /^\s*\|/.test(lines[i] as string)) rows.push(splitRow(lines[i++] as string));
      out.push(
        `<div class="table-wrap"><table><thead><tr>${head.map((c) => `<th scope="col">${inline(c, st.o)}</th>`).join('')}</tr></thead><tbody>${rows
          .map(
            (r) =>
              `<tr>${r.map((c, j) => (j === 0 ? `<th scope="row">${inline(c, st.o)}</th>` : `<td>${inline(c, st.o)}</td>`)).join('')}</tr>`,
          )
          .join('')}</tbody></table></div>`,
      );
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i] as string)) quoted.push((lines[i++] as string).replace(/^\s*>\s?/, ''));
      out.push(`<blockquote>${blocks(quoted, st)}</blockquote>`);
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const base = (item[1] as string).length;
      const ordered = /\d/.test(item[2] as string);
      const items: string[][] = [];
      while (i < lines.length) {
        const l = lines[i] as string;
        const m = ITEM.exec(l);
        if (m && (m[1] as string).length === base) {
          items.push([m[3] as string]);
          i++;
          continue;
        }
        if (l.trim() === '') {
          // A blank line ends the list unless the next line continues it (indented or a new item).
          const next = lines[i + 1];
          if (next !== undefined && (indentOf(next) > base || (ITEM.test(next) && indentOf(next) === base))) {
            (items[items.length - 1] as string[]).push('');
            i++;
            continue;
          }
          break;
        }
        if (indentOf(l) > base) {
          (items[items.length - 1] as string[]).push(l.slice(Math.min(indentOf(l), base + 2)));
          i++;
          continue;
        }
        break;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(
        `<${tag}>${items
          .map((body) => {
            const nested = body.slice(1).some((b) => ITEM.test(b) || b.trim() === '');
            if (!nested) return `<li>${inline(body.join(' ').replace(/\s+/g, ' ').trim(), st.o)}</li>`;
            const firstPara: string[] = [body[0] as string];
            let k = 1;
            while (k < body.length && (body[k] as string).trim() !== '' && !ITEM.test(body[k] as string))
              firstPara.push(body[k++] as string);
            return `<li>${inline(firstPara.join(' ').replace(/\s+/g, ' ').trim(), st.o)}${blocks(body.slice(k), st)}</li>`;
          })
          .join('')}</${tag}>`,
      );
      continue;
    }
    const para: string[] = [line.trim()];
    i++;
    while (i < lines.length && (lines[i] as string).trim() !== '' && !isBlockStart(lines[i] as string))
      para.push((lines[i++] as string).trim());
    out.push(`<p>${inline(para.join(' '), st.o)}</p>`);
  }
  return out.join('\n');
}

/** Renders a Markdown document to HTML. */
export function renderMarkdown(md: string, o: MarkdownOptions): string {
  const st: State = { o, shift: null, prevLevel: o.topLevel - 1, ids: new Set() };
  return blocks(md.replace(/\r\n?/g, '\n').split('\n'), st);
}

/** The text of the first heading of a Markdown document, if any. */
export function firstHeading(md: string): string | null {
  for (const line of md.split('\n')) {
    const h = HEADING.exec(line);
    if (h) return (h[2] as string).replace(/`/g, '');
  }
  return null;
}
