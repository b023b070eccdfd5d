/**
 * The site's pages show no file of the project: the rule data, the law digest and the guidance
 * cite their sources with internal file references (`shared/law/gaps.md §4.2`,
 * `shared/sources/….txt`, `rules/….json`, a scratch file), which mean nothing to a reader. This
 * turns such text into what a reader can use: the reference dropped where the sentence carries
 * the point, a plain name where a thing is meant (the rule data, the law digest), and the practice
 * chapter by its description. Applied to every piece of text the site renders (see html.ts) and to
 * the Markdown documents before rendering.
 */

import { BASES, DISABILITIES, DUTY_IDS, dutyCatalogue, HARMS, RELATIONSHIPS, REPORTER_ROLES } from '../../src/index.js';

/** A file reference of the project: a scratch path, the law digest, the sources, rule or test data, sources. */
export const INTERNAL =
  /\/tmp\/\S*|(?:\.\.\/)?\bshared\/[\w./-]*|\b(?:gaps|digest)\.md(?:\s*§\s*[\d.]+)?|\brules\/[\w/.-]*|\bfixtures\/[\w/.-]*|\bdocs\/[\w/.-]+\.(?:json|md|ts)|\bsrc\/[\w/.-]+/;

/** How the practice chapter is cited: the project's sources record no author or year for it. */
export const PRACTICE_CHAPTER =
  'a South African practice chapter on coordinating the responses to violence against children and violence against women (VAC–VAW)';

const PLACES: readonly [RegExp, string][] = [
  [/\bdata in `?rules\/[\w/.-]*\.json`?/g, 'in the rule data'],
  [/`?(?:\.\.\/)?shared\/law\/digest\.md`?/g, "the project's law digest"],
  [/`?(?:\.\.\/)?(?:shared\/law\/)?gaps\.md(?:\s*§\s*[\d.]+)?`?/g, 'its list of open points'],
  [/`?(?:\.\.\/)?shared\/law\/?`?/g, "the project's law digest"],
  [/`?(?:\.\.\/)?shared\/sources\/[\w./-]*`?/g, 'the practice chapter'],
  [/`?docs\/worked-cases\.json`?/g, 'the worked-case data'],
  [/`?rules\/[\w/.-]*\.json`?(?:\s+`?\w+`?(?=[)\s.,;]))?/g, 'the rule data'],
  [/`?rules\/[\w/.-]*`?/g, 'the rule data'],
  [/`?fixtures\/[\w/.-]*`?/g, 'the test scenarios'],
  [/`?\/tmp\/\S*?`?(?=[\s),;]|$)/g, ''],
];

function cleanParenthetical(inner: string): string | null {
  const kept = inner
    .split(';')
    .map((seg) => {
      if (!INTERNAL.test(seg)) return seg.trim();
      // "registered professions, public offices: rules/….json adultByRole" keeps what precedes the colon.
      const colon = seg.indexOf(':');
      const before = colon > 0 ? seg.slice(0, colon).trim() : '';
      return before !== '' && !INTERNAL.test(before) ? before : '';
    })
    .filter((s) => s !== '');
  return kept.length === 0 ? null : kept.join('; ');
}

/** Text with the project's file references turned into words a reader can use. */
export function publicText(s: string): string {
  if (!INTERNAL.test(s) && !s.includes('VAC-VAW coordination chapter')) return s;
  let out = s.replace(/VAC-VAW coordination chapter/g, PRACTICE_CHAPTER);
  // A parenthetical that cites a file: drop the citing part, or the whole parenthetical.
  out = out.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) => {
    if (!INTERNAL.test(inner)) return whole;
    const kept = cleanParenthetical(inner);
    return kept === null ? '' : ` (${kept})`;
  });
  for (const [re, words] of PLACES) out = out.replace(re, words);
  return out.replace(/ {2,}/g, ' ').replace(/ ([.,;])/g, '$1');
}

/** Rendered Markdown with the project's file references turned into words (code spans around a reference are unwrapped first). */
export function publicHtml(markup: string): string {
  const unwrapped = markup.replace(
    /<code>((?:\.\.\/)?(?:shared|rules|fixtures|docs|src)\/[^<]*|(?:gaps|digest)\.md[^<]*|\/tmp\/[^<]*)<\/code>/g,
    '$1',
  );
  // Only text between tags is rewritten; attributes (links already point into the site) are left alone.
  return unwrapped.replace(/>([^<]+)</g, (whole, text: string) =>
    INTERNAL.test(text) || text.includes('VAC-VAW coordination chapter') ? `>${publicText(text)}<` : whole,
  );
}

let dutyNames: ReadonlyMap<string, string> | undefined;
function dutyName(id: string): string {
  dutyNames ??= new Map(
    dutyCatalogue().duties.map((d) => [d.id, `${d.actShort} ${d.versions[d.versions.length - 1]?.provision ?? ''}`.trim()]),
  );
  return dutyNames.get(id) ?? id;
}
const DUTY_ID = new RegExp(`\\b(?:${DUTY_IDS.join('|')})\\b`, 'g');
const CODES = new Set<string>([...HARMS, ...RELATIONSHIPS, ...BASES, ...REPORTER_ROLES, ...DISABILITIES, 'in_person']);

/**
 * Prose for a reader: duty ids (`ca-s110-1`) become the provision's short name (`Children's Act
 * s110(1)`), and vocabulary codes (`reasonable_suspicion`) become words. For text, never for
 * attribute values (see html.ts).
 */
export function prose(s: string): string {
  let out = s;
  if (out.includes('-s')) out = out.replace(DUTY_ID, dutyName);
  if (out.includes('_')) out = out.replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (code) => (CODES.has(code) ? code.replace(/_/g, ' ') : code));
  return out;
}
