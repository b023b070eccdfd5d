/**
 * The glossary: the words of the Acts and of practice a non-lawyer meets on the site, each in
 * plain words, and a linker that turns the first use of each term on a page into a link to its
 * entry. The entries describe; where an Act defines a term, the Act's definition governs, and
 * where the definition is not verified the entry says so.
 */
import { html, raw, type Html } from './html.js';

/** One glossary entry. */
export interface Term {
  /** The anchor on the glossary page. */
  readonly id: string;
  readonly term: string;
  /** How the term is found in text (first use on a page becomes a link). */
  readonly pattern: RegExp;
  readonly text: string;
}

const t = (id: string, term: string, pattern: RegExp, text: string): Term => ({ id, term, pattern, text });

/** The terms, most specific first (so "sexual harassment" is found before "harassment"). */
export const TERMS: readonly Term[] = [
  t(
    'functionary',
    'Functionary',
    /\bfunctionar(?:y|ies)\b/i,
    "A person who must report under Domestic Violence Act s2A(2) when, in the course of their duties, they come to believe or suspect on reasonable grounds that a child, a person with a disability or an older person may be a complainant. Who is a functionary is set by the Act's definition (section 1) and by the Minister's designations under s2A(1). The definition has not been verified for this site, so the library never decides on its own that you are one: ask your employer or professional body.",
  ),
  t(
    'complainant',
    'Complainant',
    /\bcomplainants?\b/i,
    'Under the Domestic Violence Act, a person who is or has been in a domestic relationship with the person said to be abusive (the respondent) and who is or has been subjected, or allegedly subjected, to domestic violence. It includes any child in the care of the complainant (the definition as it stood before 14 April 2023, verified); whether the 2021 amendments changed it is not verified.',
  ),
  t(
    'designated-child-protection-organisation',
    'Designated child protection organisation',
    /\bdesignated child protection organisations?\b/i,
    "An organisation (often a child welfare NGO) designated under the Children's Act to carry out child protection work. A Children's Act s110 report can go to one, to the provincial Department of Social Development, or to a police official.",
  ),
  t(
    'domestic-relationship',
    'Domestic relationship',
    /\bdomestic relationships?\b/i,
    'The relationship the Domestic Violence Act requires between the person harmed and the person said to be abusive: being or having been married or partners, dating, parents of a child together, family members, or people in a close relationship who share or shared a home. Without one, an act is not "domestic violence" under the Act, however serious it is. The exact wording after the 2021 amendments rests partly on a secondary source.',
  ),
  t(
    'domestic-violence',
    'Domestic violence',
    /\bdomestic violence\b(?! Act| Regulations| Amendment)/i,
    'Under the Domestic Violence Act, any of a list of behaviours towards a complainant in a domestic relationship: physical, sexual, emotional, verbal, psychological, economic or spiritual abuse, intimidation, harassment, sexual harassment, damage to property, coercive or controlling behaviour, exposing a child to domestic violence, and more. The exact list as amended in 2021 is not verified.',
  ),
  t(
    'concludes',
    '"Concludes"',
    /\bconcludes?\b/i,
    'The threshold of Children\'s Act s110(1): the professional must "on reasonable grounds conclude" that a child has been abused in a way causing physical injury, sexually abused, or deliberately neglected. A conclusion is more than a suspicion: a suspicion alone does not trigger s110(1), though it can trigger a Domestic Violence Act report.',
  ),
  t(
    'reasonable-grounds',
    'Reasonable grounds',
    /\breasonable grounds\b/i,
    'A belief, suspicion or conclusion is held "on reasonable grounds" when facts a reasonable person would rely on support it: something seen, heard, disclosed or recorded, not only a rumour or a hunch. "Knows", "believes on reasonable grounds", "suspects on reasonable grounds" and "concludes on reasonable grounds" are different thresholds, and each duty names its own.',
  ),
  t(
    'in-the-course-of-duties',
    'In the course of duties',
    /\bin the course of (?:their |your |his |her )?(?:duties|work)\b/i,
    "Learned while doing the work of your role: a teacher at school, a nurse with a patient. Some duties bind only what you learn at work (DVA s2A, Trafficking Act s19's duty); others bind you however you learned it.",
  ),
  t(
    'child-in-need-of-care',
    'Child in need of care and protection',
    /\bin need of care and protection\b/i,
    "The Children's Act s150 list of situations in which a child needs the state's protection, for example a child who has been abandoned, lives in circumstances that may seriously harm them, or has been exploited or abused. Any person may report such a child under s110(2).",
  ),
  t(
    'older-person',
    'Older person',
    /\bolder persons?\b(?! Act)/i,
    'Under the Older Persons Act: a woman aged 60 or older, or a man aged 65 or older.',
  ),
  t(
    'person-with-a-disability',
    'Person with a disability',
    /\bpersons? with a disability\b/i,
    "One of the three groups the Domestic Violence Act reporting duties protect, with children and older persons. The Act's definition is not verified; the library treats any disability the case records as within it.",
  ),
  t(
    'mental-disability',
    'Mental disability (Sexual Offences Act)',
    /\bmental disability\b/i,
    'Under the Sexual Offences Act, a disability that leaves a person unable, at the time of a sexual act, to understand its nature, to decide whether to take part, to resist it, or to communicate unwillingness. It turns on capacity at the time, not on a diagnosis.',
  ),
  t(
    'sexual-offence',
    'Sexual offence',
    /\bsexual offences?\b(?! Act| and Related)/i,
    "An offence under the Sexual Offences Act, such as rape, sexual assault, or sexual acts with a child below the age of consent. Sexual acts between adolescents close in age can be lawful; the library applies the Act's age rules.",
  ),
  t(
    'form-22',
    'Form 22',
    /\bForm 22\b/,
    "The form used in practice for a Children's Act s110(1) report to a designated child protection organisation, the Department of Social Development or the police. That it is Form 22 rests on a secondary source.",
  ),
  t(
    'prescribed-form',
    'Prescribed form',
    /\bprescribed form\b/i,
    'A form set by regulations. Domestic Violence Act reports go on the form the Domestic Violence Regulations prescribe; which numbered form that is has not been verified, so ask the receiving office for the current one.',
  ),
  t(
    'risk-assessment',
    'Risk assessment',
    /\brisk assessment\b/i,
    'Under Domestic Violence Act s2A(2), a functionary who reports must also assess the risk to the person harmed, as contemplated in section 18B (the directives under it were not found).',
  ),
  t(
    'saps',
    'SAPS',
    /\bSAPS\b/,
    'The South African Police Service. Several duties can be met by one report to SAPS if it carries what each Act requires.',
  ),
  t(
    'exposure',
    'Exposure to domestic violence',
    /\bexposure to domestic violence\b/i,
    'A child seeing, hearing or otherwise being exposed to domestic violence against someone in the home. Since the 2021 amendments, exposing a child to domestic violence is itself domestic violence (known from a secondary source).',
  ),
  t(
    'physical-abuse',
    'Physical abuse',
    /\bphysical abuse\b/i,
    'Any act or threat of physical violence: hitting, pushing, choking, burning, and the like.',
  ),
  t(
    'sexual-abuse',
    'Sexual abuse',
    /\bsexual abuse\b(?! material)/i,
    "Any conduct that abuses, humiliates, degrades or otherwise violates a person's sexual integrity, with or without physical contact.",
  ),
  t(
    'emotional-abuse',
    'Emotional, verbal or psychological abuse',
    /\bemotional(?:, verbal)? (?:or psychological )?abuse\b/i,
    "A pattern of degrading or humiliating conduct: insults, ridicule, threats, name-calling, jealousy and possessiveness that invade a person's privacy, liberty, integrity or security.",
  ),
  t(
    'economic-abuse',
    'Economic abuse',
    /\beconomic abuse\b/i,
    'Unreasonably depriving a person of money or resources they need or are entitled to, or disposing of shared property without agreement.',
  ),
  t(
    'neglect',
    'Neglect',
    /\bdeliberate(?:ly)? neglect(?:ed)?\b/i,
    "A failure to provide for a child's basic physical, intellectual, emotional or social needs. Children's Act s110(1) covers only deliberate neglect.",
  ),
  t(
    'sexual-harassment',
    'Sexual harassment',
    /\bsexual harassment\b/i,
    'Unwelcome sexual attention, comments, gestures or communications.',
  ),
  t(
    'intimidation',
    'Intimidation and harassment',
    /\b(?:intimidation|harassment)\b/i,
    'Intimidation: threatening or making a person afraid. Harassment: a pattern of conduct that makes a person fear harm, such as following, watching, or repeated unwanted calls and messages.',
  ),
  t(
    'coercive-behaviour',
    'Coercive and controlling behaviour',
    /\b(?:coercive|controlling) behaviour\b/i,
    "Compelling a person to do or not do something by force, threats or pressure (coercive), or a pattern of isolating, monitoring or controlling a person's daily life and contacts (controlling).",
  ),
  t(
    'spiritual-abuse',
    'Spiritual abuse',
    /\bspiritual abuse\b/i,
    "Using a person's religious or spiritual beliefs against them, or stopping them from practising them.",
  ),
  t(
    'damage-to-property',
    'Damage to property',
    /\bdamage to property\b/i,
    'Wilfully damaging or destroying property the person harmed has an interest in.',
  ),
  t(
    'trafficking',
    'Trafficking in persons',
    /\btrafficking\b(?! Act| in Persons Act| hotline)/i,
    'Recruiting, moving, harbouring or receiving a person for the purpose of exploiting them, by means such as force, deception or abuse of vulnerability; for a child, the means do not matter.',
  ),
  t(
    'sexual-exploitation',
    'Sexual exploitation',
    /\bsexual exploitation\b/i,
    "Using a person for sexual purposes for someone else's gain, for example in prostitution.",
  ),
  t(
    'csam',
    'Child sexual abuse material',
    /\bchild sexual abuse material\b/i,
    'Images, films or other material that show or describe a child in a sexual way. Films and Publications Act s24B requires anyone who knows of it to report it to the police.',
  ),
];

/** The glossary page's body. */
export function glossaryBody(): Html {
  const sorted = [...TERMS].sort((a, b) => a.term.replace(/"/g, '').localeCompare(b.term.replace(/"/g, '')));
  return html`<h1>Glossary</h1>
<p class="lede">The words of the Acts and of practice used on this site, in plain language. These are descriptions, not the statutes' definitions: where an Act defines a term, its definition governs, and where that definition has not been verified the entry says so.</p>
<dl class="glossary">${sorted.map((e) => html`<dt id="${e.id}">${e.term}</dt><dd>${e.text}</dd>`)}</dl>`;
}

/** Tags whose text is never turned into a glossary link. */
const SKIP = new Set([
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'code',
  'pre',
  'script',
  'style',
  'button',
  'summary',
  'label',
  'option',
  'select',
  'legend',
  'blockquote',
  'dt',
  'caption',
  'textarea',
]);

/**
 * Links the first use of each glossary term in a page's markup to its entry. Text inside links,
 * headings, code, statute quotations and form controls is left as it is.
 */
export function linkTerms(markup: Html, glossaryHref: string): Html {
  const parts = markup.value.split(/(<[^>]+>)/);
  const done = new Set<string>();
  const stack: string[] = [];
  let skipping = 0;
  const out = parts.map((part) => {
    if (part.startsWith('<')) {
      const m = /^<(\/?)([a-zA-Z0-9]+)/.exec(part);
      if (m) {
        const name = (m[2] as string).toLowerCase();
        if (SKIP.has(name)) {
          if (m[1] === '/') {
            const i = stack.lastIndexOf(name);
            if (i >= 0) {
              stack.splice(i, 1);
              skipping--;
            }
          } else if (!part.endsWith('/>')) {
            stack.push(name);
            skipping++;
          }
        }
      }
      return part;
    }
    if (skipping > 0 || part.trim() === '') return part;
    let text = part;
    for (const term of TERMS) {
      if (done.has(term.id)) continue;
      const re = new RegExp(term.pattern.source, term.pattern.flags.includes('g') ? term.pattern.flags : `${term.pattern.flags}g`);
      // Already linked words are marked \u0000id\u0001word\u0002: a match inside one is not a new use.
      const taken = [...text.matchAll(/\u0000[^\u0002]*\u0002/g)].map((x) => [x.index, x.index + x[0].length] as const);
      const m = [...text.matchAll(re)].find((x) => !taken.some(([a, b]) => x.index >= a && x.index < b));
      if (!m) continue;
      done.add(term.id);
      text = `${text.slice(0, m.index)}\u0000${term.id}\u0001${m[0]}\u0002${text.slice(m.index + m[0].length)}`;
    }
    return text.replace(
      /\u0000([^\u0001]+)\u0001([^\u0002]*)\u0002/g,
      (_w, id: string, word: string) => `<a class="term" href="${glossaryHref}#${id}">${word}</a>`,
    );
  });
  return raw(out.join(''));
}
