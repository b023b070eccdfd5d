/**
 * The report page's script: reads the case from the link's fragment (`report.html#case=…`), runs
 * the library in the browser and shows the short report, ready to print. Nothing is sent or
 * stored: the fragment never leaves the browser.
 */
import { dutyCatalogue, safeAssess, type CaseInput } from '../../src/index.js';
import { html } from './html.js';
import { plainIssue } from './plain-errors.js';
import { renderReport } from './report.js';
import { caseFragment, caseFromHash } from './share.js';
import { shortNameOf } from './words.js';

const shortName = shortNameOf(dutyCatalogue().duties);

function show(): void {
  const box = document.getElementById('report-box');
  if (!box) return;
  const input = caseFromHash(location.hash);
  if (input === null) {
    box.innerHTML =
      html`<p>There is no case in this link. Open a report from <a href="try.html">Try a case</a> or <a href="interview.html">the guided interview</a>: they put the case in the link, after the <code>#</code>, which never leaves your browser.</p>`.value;
    return;
  }
  const r = safeAssess(input as unknown);
  if (!r.success) {
    box.innerHTML =
      html`<div class="error-summary" role="alert"><h2>The case in this link cannot be read</h2><ul>${r.error.issues.map((i) => html`<li>${plainIssue(i)}</li>`)}</ul></div>`.value;
    return;
  }
  const frag = caseFragment(input);
  box.innerHTML = html`${renderReport(r.data, input as CaseInput, { shortName })}
<p class="no-print"><button type="button" id="print-report" class="primary">Print or save as PDF</button> <a href="try.html${frag}">Open this case in Try a case</a> · <a href="interview.html${frag}">in the guided interview</a></p>`.value;
}

function init(): void {
  show();
  window.addEventListener('hashchange', show);
  document.addEventListener('click', (ev) => {
    if ((ev.target as HTMLElement).id === 'print-report') window.print();
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
