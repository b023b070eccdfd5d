/**
 * `za-reporting-duties/json-rules-engine`: the library's rules in a json-rules-engine `Engine`,
 * for teams that run json-rules-engine themselves. Kept apart from the main entry so that an
 * app that only calls `assess` does not bundle json-rules-engine and its dependencies.
 *
 * json-rules-engine is two-valued: it treats a missing fact as a value and cannot answer "may
 * apply". {@link caseFacts} therefore gives it facts it can compare (ages known only within
 * bounds as one whole number where that settles every age test) and lists, per entry, the
 * facts still open (`unsettled`); where that list is empty the engine fires exactly the duties
 * `assess` finds applying.
 *
 * @example
 * ```ts
 * import { createEngine, caseFacts } from 'za-reporting-duties/json-rules-engine';
 * const engine = createEngine({ lawAsAt: '2026-11-20' });
 * for (const f of caseFacts(myCase)) {
 *   const { events } = await engine.run(f.facts);
 *   console.log(f.person, events.map((e) => e.type), f.unsettled);
 * }
 * ```
 *
 * @packageDocumentation
 */
export { createEngine, caseFacts } from './interop/json-rules-engine.js';
export type { CreateEngineOptions, DutyEvent, CaseFacts } from './interop/json-rules-engine.js';
