/**
 * The layers of src/ (DESIGN.md "Layout"), each importing only the folders below it:
 *
 *   cli/                       the command line and HTTP server: the public entry points only
 *   index.ts, *.ts (entries)   the public face and its subpaths
 *   interop/                   json-rules-engine interop (its own subpath)
 *   check/                     compliance check of reports already made
 *   assessment/                duties per person, overlaps, presumptions, guidance, questions, records
 *   rules/                     rule files, parameters, the bundled and compiled rule set, in-force selection
 *   engine/                    the condition format and the three-valued evaluator
 *   case/                      input schema, vocabulary, neutral derived facts, plain-date arithmetic
 *   errors/                    the library's error type (any folder may use it)
 *   messages/                  message references and their rendering, the code's English templates (the ground floor)
 *
 * `npm test` runs it (`npm run lint:deps`); there is no exception list.
 */
const below = {
  messages: ['messages'],
  errors: ['messages', 'errors'],
  case: ['messages', 'errors', 'case'],
  engine: ['messages', 'errors', 'case', 'engine'],
  rules: ['messages', 'errors', 'case', 'engine', 'rules'],
  assessment: ['messages', 'errors', 'case', 'engine', 'rules', 'assessment'],
  check: ['messages', 'errors', 'case', 'engine', 'rules', 'assessment', 'check'],
  interop: ['messages', 'errors', 'case', 'engine', 'rules', 'assessment', 'check', 'interop'],
};

const layerRules = Object.entries(below).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ imports only ${allowed.map((a) => `src/${a}/`).join(', ')}`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: '^src/', pathNot: `^src/(${allowed.join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle, between modules or folders.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'entries-not-cli',
      comment: 'The public entry points never import the command line.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'cli-public-only',
      comment: 'The CLI and server use only the public entry points (src/*.ts), the error type and the messages.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/', pathNot: '^src/(cli/|errors/|messages/|[^/]+\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.json$' },
  },
};
