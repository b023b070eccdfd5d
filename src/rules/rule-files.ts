/*
 * The rule files and shared named conditions bundled with the library, with the path each came
 * from (for error messages, the docs and the check that every file under rules/ is loaded).
 */
import dvaS2A from '../../rules/dva/s2A.json';
import dvaS2B from '../../rules/dva/s2B.json';
import caS110_1 from '../../rules/childrens-act/s110-1.json';
import caS110_2 from '../../rules/childrens-act/s110-2.json';
import caS110_4 from '../../rules/childrens-act/s110-4.json';
import soaS54_1 from '../../rules/sorma/s54-1.json';
import soaS54_2 from '../../rules/sorma/s54-2.json';
import opaS26 from '../../rules/opa/s26.json';
import tipS18 from '../../rules/pacotip/s18.json';
import tipS19 from '../../rules/pacotip/s19.json';
import fpaS24B from '../../rules/fpa/s24B.json';
import cChild from '../../rules/conditions/child.json';
import cConcludes from '../../rules/conditions/concludes.json';
import cDomesticViolence from '../../rules/conditions/domestic-violence.json';
import cDvaClass from '../../rules/conditions/dva-victim-class.json';
import cHarmful from '../../rules/conditions/harmful-conduct.json';
import cOlder from '../../rules/conditions/older-person.json';
import cReasonable from '../../rules/conditions/reasonable-grounds.json';
import cReporterAdult from '../../rules/conditions/reporter-adult.json';
import cS110 from '../../rules/conditions/s110-trigger.json';
import cSexualOffence from '../../rules/conditions/sexual-offence.json';
import cCaSexualAbuse from '../../rules/conditions/childrens-act-sexual-abuse.json';
import cComplainant from '../../rules/conditions/complainant-route.json';
import cDvForm from '../../rules/conditions/domestic-violence-form.json';
import cObjective from '../../rules/conditions/objective-grounds.json';
import cS2A from '../../rules/conditions/s2a-circumstances.json';
import cS2ARole from '../../rules/conditions/s2a-role-and-class.json';
import cS150 from '../../rules/conditions/s150-ground.json';

/** A rule file as bundled: its path under the package root and its parsed JSON, not yet validated. */
export interface RuleSource {
  readonly path: string;
  readonly data: unknown;
}

/** The rule files as bundled, with the path each came from (for error messages and docs). */
export const RULE_SOURCES: readonly RuleSource[] = [
  { path: 'rules/dva/s2A.json', data: dvaS2A },
  { path: 'rules/dva/s2B.json', data: dvaS2B },
  { path: 'rules/childrens-act/s110-1.json', data: caS110_1 },
  { path: 'rules/childrens-act/s110-2.json', data: caS110_2 },
  { path: 'rules/childrens-act/s110-4.json', data: caS110_4 },
  { path: 'rules/sorma/s54-1.json', data: soaS54_1 },
  { path: 'rules/sorma/s54-2.json', data: soaS54_2 },
  { path: 'rules/opa/s26.json', data: opaS26 },
  { path: 'rules/pacotip/s18.json', data: tipS18 },
  { path: 'rules/pacotip/s19.json', data: tipS19 },
  { path: 'rules/fpa/s24B.json', data: fpaS24B },
];

/** The shared named conditions as bundled. */
export const CONDITION_SOURCES: readonly RuleSource[] = [
  { path: 'rules/conditions/child.json', data: cChild },
  { path: 'rules/conditions/concludes.json', data: cConcludes },
  { path: 'rules/conditions/domestic-violence.json', data: cDomesticViolence },
  { path: 'rules/conditions/dva-victim-class.json', data: cDvaClass },
  { path: 'rules/conditions/harmful-conduct.json', data: cHarmful },
  { path: 'rules/conditions/older-person.json', data: cOlder },
  { path: 'rules/conditions/reasonable-grounds.json', data: cReasonable },
  { path: 'rules/conditions/reporter-adult.json', data: cReporterAdult },
  { path: 'rules/conditions/s110-trigger.json', data: cS110 },
  { path: 'rules/conditions/sexual-offence.json', data: cSexualOffence },
  { path: 'rules/conditions/childrens-act-sexual-abuse.json', data: cCaSexualAbuse },
  { path: 'rules/conditions/complainant-route.json', data: cComplainant },
  { path: 'rules/conditions/domestic-violence-form.json', data: cDvForm },
  { path: 'rules/conditions/objective-grounds.json', data: cObjective },
  { path: 'rules/conditions/s2a-circumstances.json', data: cS2A },
  { path: 'rules/conditions/s2a-role-and-class.json', data: cS2ARole },
  { path: 'rules/conditions/s150-ground.json', data: cS150 },
];
