/**
 * The repository's own documents (docs/interpretation.md, docs/cli.md, CHANGELOG.md) as site
 * HTML, rendered by markdown-it (CommonMark and GFM tables). Three things are the site's own:
 * headings are re-levelled so a page's outline never skips a level, and get ids; tables are
 * wrapped for narrow screens with header scopes (the first cell of a body row heads its row);
 * links are passed through a rewriter so that links to files outside the site become plain text
 * rather than broken links.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import { slug } from './html.js';

/** Options for {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** The heading level the document's shallowest heading becomes (1 for a page of its own). */
  readonly topLevel: number;
  /** Maps a link target to a site URL, or null to render the link text only. */
  readonly rewriteLink: (href: string) => string | null;
  /** Prefix for heading ids. */
  readonly idPrefix?: string;
}

// Raw HTML in a document is shown as text; no typographic replacements, no bare-URL links.
const parser = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
const render = parser.renderer.rules;
// The site's style sheet is the only style allowed (CSP style-src 'self'): no alignment attributes.
for (const cell of ['th_open', 'td_open'] as const) {
  render[cell] = (tokens, i, options, _env, self) => {
    (tokens[i] as Token).attrs = ((tokens[i] as Token).attrs ?? []).filter(([name]) => name !== 'style');
    return self.renderToken(tokens, i, options);
  };
}
render.table_open = () => '<div class="table-wrap"><table>';
render.table_close = () => '</table></div>\n';

/** Headings re-levelled (the first becomes `topLevel`, none skips a level) and given unique ids. */
function relevelHeadings(tokens: Token[], o: MarkdownOptions): void {
  let shift: number | null = null;
  let previous = o.topLevel - 1;
  const ids = new Set<string>();
  let open: Token | undefined;
  for (const [i, t] of tokens.entries()) {
    if (t.type === 'heading_open') {
      const level = Number(t.tag.slice(1));
      shift ??= o.topLevel - level;
      const n = Math.min(previous + 1, Math.max(o.topLevel, Math.min(6, level + shift)));
      previous = n;
      t.tag = `h${n}`;
      let id = (o.idPrefix ?? '') + (slug((tokens[i + 1]?.content ?? '').replace(/`/g, '')) || 'section');
      for (let k = 2; ids.has(id); k++) id = `${id}-${k}`;
      ids.add(id);
      t.attrSet('id', id);
      open = t;
    } else if (t.type === 'heading_close' && open) t.tag = open.tag;
  }
}

/** Table cells: column headers scoped to their column, the first cell of each body row a row header. */
function scopeTableHeaders(tokens: Token[]): void {
  let inBody = false;
  let firstInRow = false;
  for (const t of tokens) {
    if (t.type === 'tbody_open') inBody = true;
    else if (t.type === 'tbody_close') inBody = false;
    else if (t.type === 'tr_open') firstInRow = true;
    else if (t.type === 'th_open') t.attrSet('scope', 'col');
    else if (t.type === 'td_open' && inBody && firstInRow) {
      t.tag = 'th';
      t.attrSet('scope', 'row');
    } else if (t.type === 'td_close' && inBody && firstInRow) {
      t.tag = 'th';
      firstInRow = false;
    }
  }
}

/** Links through the rewriter: to a site URL, or the link text alone where the target is outside the site. */
function rewriteLinks(tokens: Token[], o: MarkdownOptions): void {
  for (const block of tokens) {
    if (!block.children) continue;
    const kept: Token[] = [];
    const dropped: boolean[] = [];
    for (const t of block.children) {
      if (t.type === 'link_open') {
        const target = o.rewriteLink(t.attrGet('href') ?? '');
        dropped.push(target === null);
        if (target === null) continue;
        t.attrSet('href', target);
        if (/^https?:/.test(target)) t.attrSet('rel', 'external noreferrer');
      } else if (t.type === 'link_close' && dropped.pop()) continue;
      kept.push(t);
    }
    block.children = kept;
  }
}

/** Renders a Markdown document to HTML. */
export function renderMarkdown(md: string, o: MarkdownOptions): string {
  const tokens = parser.parse(md, {});
  relevelHeadings(tokens, o);
  scopeTableHeaders(tokens);
  rewriteLinks(tokens, o);
  return parser.renderer.render(tokens, parser.options, {});
}

/** The text of the first heading of a Markdown document, if any. */
export function firstHeading(md: string): string | null {
  const tokens = parser.parse(md, {});
  const i = tokens.findIndex((t) => t.type === 'heading_open');
  return i < 0 ? null : (tokens[i + 1]?.content ?? '').replace(/`/g, '');
}
