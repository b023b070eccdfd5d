/**
 * The page shell: landmarks, navigation, skip link, footer, one stylesheet, and a Content
 * Security Policy that forbids any connection, so nothing on a page can send data anywhere.
 */
import { html, join, raw, type Child, type Html } from './html.js';

/** A page of the site. */
export interface Page {
  /** Path from the site root, e.g. `duties/dva-s2B.html`. */
  readonly path: string;
  readonly title: string;
  readonly description: string;
  readonly body: Html;
  /** Scripts (paths from the site root), loaded at the end of the body. */
  readonly scripts?: readonly string[];
  /** The nav entry this page belongs to. */
  readonly section: string;
  /** Use the full width of the window (for wide tables). */
  readonly wide?: boolean;
  /** A class on the body, for page-specific styles (print). */
  readonly bodyClass?: string;
  /** The part of the site: the trainer site (default) or the developer reference. */
  readonly area?: 'trainer' | 'developer';
}

/** The navigation of each part of the site. */
export interface SiteNav {
  readonly trainer: readonly NavItem[];
  readonly developer: readonly NavItem[];
}

/** A navigation entry. */
export interface NavItem {
  readonly section: string;
  readonly label: string;
  readonly href: string;
}

/** The relative path from a page to the site root: `''`, `'../'`, … */
export function rootOf(pagePath: string): string {
  return '../'.repeat(pagePath.split('/').length - 1);
}

/** No inline script, no eval, no connection, no form submission: the page can send nothing anywhere. */
function csp(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** A whole HTML document for a page. */
export function documentOf(p: Page, navs: SiteNav, footer: (root: string) => Child): string {
  const root = rootOf(p.path);
  const dev = p.area === 'developer';
  const nav = dev ? navs.developer : navs.trainer;
  const doc = html`<!doctype html>
<html lang="en-ZA">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp()}">
<meta name="referrer" content="no-referrer">
<meta name="description" content="${p.description}">
<title>${p.title} · South African reporting duties</title>
<link rel="icon" href="${root}favicon.ico">
<link rel="stylesheet" href="${root}assets/style.css">
</head>
<body${p.bodyClass ? html` class="${p.bodyClass}"` : ''}>
<a class="skip" href="#main">Skip to the content</a>
<header class="site-header">
${
  dev
    ? html`<p class="site-name"><a href="${root}developers.html">za-reporting-duties</a> <span class="muted">· developer reference</span></p>`
    : html`<p class="site-name"><a href="${root}index.html">South African reporting duties</a> <span class="muted">· a guide for trainers</span></p>`
}
<nav aria-label="${dev ? 'Developer reference' : 'Trainer site'}">
<ul>${nav.map(
    (n) => html`<li><a href="${root}${n.href}"${n.section === p.section ? raw(' aria-current="page"') : ''}>${n.label}</a></li>`,
  )}</ul>
</nav>
</header>
<main id="main" tabindex="-1"${p.wide === true ? raw(' class="wide"') : ''}>
${p.body}
</main>
<footer class="site-footer">
${footer(root)}
</footer>
${join(['assets/nav.js', ...(p.scripts ?? [])].map((s) => html`<script src="${root}${s}"></script>`))}
</body>
</html>
`;
  return doc.value;
}
