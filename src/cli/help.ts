/* The --help texts. Kept beside each other so the exit-code contract reads the same everywhere. */

const EXIT_CODES = `Exit codes:
  0   done (check: every must-duty that applies is met)
  1   check: a must-duty that applies is unmet or overdue
      replay: the outcome differs from the record's
      batch: the run stopped early (output closed, input unreadable, Ctrl-C)
      serve: the server could not start (e.g. port in use)
      any command: the output could not be written (e.g. disk full; said on stderr)
  2   invalid input: bad usage, missing or unreadable file, bad JSON, schema violation
  3   batch: every line has a record, but some are error records
  70  internal error (a bug: please report it)`;

/** Help per command; `main` is the overview. */
export const HELP: Record<string, string> = {
  main: `za-duties: which South African reporting duties apply when you learn of violence in a household.

Usage: za-duties <command> [options]

Commands:
  assess [file|-]     one case (JSON) in, its assessment out
  batch [file|-]      NDJSON cases in, one NDJSON record per line out (streaming)
  expand [file|-]     put the texts back into assessments written with --referenced
  check [file|-]      compliance check: a case plus the reports made; exit 0/1 gates a workflow
  validate [file|-]   check a case (schema and cross-field rules) without assessing it
  record [file|-]     a replayable decision record of a case (no names, no exact dates)
  replay [file|-]     replay a decision record with these rules; exit 0 identical, 1 differences
  schema [name]       JSON Schema of the input, output or check input
  rules               the catalogue of duties, with citations and verification labels
  serve               the same operations over HTTP on 127.0.0.1

Options:
  -h, --help          help (also: za-duties <command> --help)
  -v, --version       the package and ruleset version

Input is read from the file given, or from stdin with - (or when piped). Nothing about a case is
logged. This is not legal advice: see the disclaimer in every assessment.

${EXIT_CODES}`,

  assess: `Usage: za-duties assess [file|-] [--format json|text] [--full] [--referenced] [--pretty] [--strict] [--messages file]

Assesses one case (a CaseInput JSON object; see \`za-duties schema input\`).

Options:
  --format json|text  json (default): the compact assessment (duty id, person, status, modality,
                      deciding reasons, missing facts, overlaps); text: a readable summary
                      (duties that apply, then what is uncertain and the questions, then guidance)
  --full              json: the whole assessment (citations, recipients, timing, forms, guidance;
                      \`za-duties schema output\`); text: also why each duty does not apply
  --referenced        json: the --full assessment with each text referred to by id instead of
                      carried (statute texts, citations, forms, notes, guidance, helplines, every
                      text with a message): about a sixth of the size; \`za-duties expand\` puts
                      them back, byte for byte (\`za-duties schema referenced\`)
  --pretty            indent the JSON
  --strict            no presumptions: every fact left out stays open (three-valued); by default
                      ordinary presumptions (an undated act is recent, capacity to consent, ...)
                      are used and listed beside each duty they decide
  --messages file     the texts in other words: a JSON object of message id to template over
                      the English catalogue (schemas/messages.en.json); every text that carries a
                      message (msg) is rendered with it, statute text stays as enacted

Invalid input: exit 2, the problems on stderr (file, line and column for bad JSON; the path,
what was expected and what came in for schema violations) and, in json format, on stdout as
{"error": {"code", "message", "issues"}}.

${EXIT_CODES}`,

  batch: `Usage: za-duties batch [file|-] [--full] [--referenced] [--max-line-bytes N] [--jobs N]

Assesses one case per line (NDJSON) and writes exactly one NDJSON record per input line, in order,
each with its "line" number, streaming in constant memory:
  {"line":1,"caseId":"…","lawAsAt":"…","duties":[…],"overlaps":[…]}     compact assessment
  {"line":2,"error":{"code":"invalid_json","message":"…","column":17}}
  {"line":3,"caseId":"…","error":{"code":"invalid_input","message":"…","issues":[…]}}
  {"line":4,"error":{"code":"line_too_long","message":"…","bytes":2097152,"limit":1048576}}
  {"line":5,"skipped":"blank line"}
A bad line yields an error record and the run goes on. Blank lines are recorded as skipped and
are not errors. A final line without a newline is read as a line. Schema of a record:
\`za-duties schema batch-record\`.

Options:
  --full                 the whole assessment per line instead of the compact one (much larger)
  --referenced           the --full assessment per line with each text referred to by id instead
                         of carried (about a sixth of the size, faster); \`za-duties expand\`
                         puts them back
  --max-line-bytes N     longest line read (default 1048576 = 1 MiB); longer lines are skipped
                         without being held in memory and yield a line_too_long record
  --jobs N               threads that assess the lines: this one and N - 1 worker threads
                         (default 1); the output is the same, in the same order. With free
                         cores, 2 or more makes a large run faster; each worker adds about 60 MB

Progress goes to stderr when stderr is a terminal; a summary (counts and the first error line
numbers, nothing about the cases) goes to stderr at the end.

Exit codes for batch:
  0   every line was assessed (or was blank)
  1   the run stopped early: the output was closed or could not be written, the input could not
      be read, or Ctrl-C/SIGTERM (records so far are whole; a second Ctrl-C ends it at once)
  2   invalid usage or the input file is missing
  3   every line has a record, but some are error records`,

  expand: `Usage: za-duties expand [file|-] [--pretty] [--messages file]

Puts the texts back into assessments written with \`assess --referenced\`, \`batch --referenced\`
or serve's /assess?referenced=1: the statute texts, citations, forms, notes, guidance, helplines
and every text with a message, from the rules of this version. The result is the same JSON, byte
for byte, as \`--full\` would have written.

Input: one referenced assessment (a JSON document, indented or not), or NDJSON as batch writes
it: each line expanded in order, its "line" number kept; error and blank-line records are
copied as they are. Schema of a referenced assessment: \`za-duties schema referenced\`.

Options:
  --pretty            indent the JSON (one document only; NDJSON stays one record per line)
  --messages file     the catalogue the assessments were made with (as assess --messages)

A record made with other rules (its rulesetVersion is not this version's) cannot be expanded
here: expand it with the version that made it (\`za-duties --version\` names it).

Exit codes for expand:
  0   every assessment was expanded
  1   the output could not be written (e.g. disk full)
  2   invalid usage, a missing file, bad JSON, or a record that is not a referenced assessment
      of these rules (the line, the path, what was expected and what came in, on stderr;
      the records before it are written)`,

  check: `Usage: za-duties check [file|-] [--pretty] [--messages file]

Checks the reports made against the duties that apply. Input (\`za-duties schema check\`):
  { "case": { …CaseInput… },
    "knowledgeTime": "09:30",                      optional, HH:MM
    "actions": [ { "recipient": "police", "date": "2026-11-21", "time": "10:00",
                   "person": "child-a", "duty": "soa-s54-1", "form": "…" } ] }
Output (\`za-duties schema check-result\`): per person and must-duty that applies: met, overdue
(only where the law gives hours: 24 for s110(4)) or unmet; must-duties that may apply are open,
with their questions; "compliant" is true when every must-duty that applies is met.
A report counts for a duty when it went to one of the duty's recipients, about that person (or
with no person: everyone), on or after the knowledge date, and, if it names a duty, that duty.
One report to SAPS can meet several duties; a report to a social worker never meets a
police-only duty (soa-s54-*, tip-*, fpa-s24B); one DVA report meets the s2A/s2B pair.
"Immediately", "without delay" and "as soon as possible" are reported as such, never as hours.
--messages file: the sentences in other words (as for assess --messages).

Exit codes for check:
  0   compliant: every must-duty that applies is met (open duties do not count against it)
  1   a must-duty that applies is unmet or overdue
  2   invalid input`,

  validate: `Usage: za-duties validate [file|-] [--pretty]

Checks a case without assessing it: the input schema (\`za-duties schema input\`) and the rules a
JSON Schema cannot carry, listed in that schema's description (ids unique; victim, allegedBy and
caregiverOf name people ids; no date after the assessment date; the knowledge date on or before
the assessment date; ages that agree). Valid: {"valid":true,"assessmentDate",…} on stdout, exit 0.
Invalid: the issues on stderr and {"error":{"code":"invalid_input","issues":[…]}} on stdout, exit 2.

Exit codes for validate:
  0   valid
  2   invalid (or unreadable, or not JSON)`,

  record: `Usage: za-duties record [file|-] [--ids FILE] [--strict] [--pretty]

Assesses a case and prints its decision record (\`za-duties schema decision-record\`): the derived
facts per person and concern, the version of each provision applied, the rules hash and the
outcome; no names, no dates of birth, no exact dates. Person and concern ids are replaced by
person-1, concern-1, …; the mapping back to the case's ids is never in the record: it goes to
stderr, or with --ids to FILE (created readable by its owner only). Keep it apart from the record.

Options:
  --ids FILE      write the id mapping to FILE instead of stderr
  --strict        no ordinary presumptions (as assess --strict)
  --pretty        indented JSON

Exit codes for record:
  0   the record is printed
  1   the id mapping could not be written (nothing printed)
  2   invalid input`,

  replay: `Usage: za-duties replay [file|-] [--pretty]

Replays a decision record (from \`za-duties record\`, POST /record or decisionRecord()) with the
rules of this version, on the recorded facts and versions of each provision. Prints
{"sameRules","identical","differences":[{duty,person,recorded,now}],…}; says on stderr whether
the outcome and the rules are the same.

Exit codes for replay:
  0   identical outcome (the rules hash may differ: see sameRules)
  1   the outcome differs (see differences)
  2   not a valid record (or unreadable, or not JSON)`,

  schema: `Usage: za-duties schema [name] [--write DIR]

Prints a JSON Schema (draft 2020-12) generated from the library's zod schemas.
Names:
  input           a case (CaseInput), what assess, batch lines and serve's /assess take (default)
  output          the full assessment (assess --full)
  check           the check input: a case and the reports made
  output-compact  the compact assessment (assess, and batch lines without --full)
  check-result    the output of check
  batch-record    one line of batch output
  referenced      an assessment with its texts referred to by id (assess/batch --referenced)
  decision-record a decision record (library: decisionRecord)
  openapi         the OpenAPI 3.1 description of serve, built from the schemas above
The same files ship in the package: za-reporting-duties/schemas/<name>.schema.json
(and schemas/openapi.json).

Options:
  --write DIR     write every schema to DIR/<name>.schema.json (openapi: DIR/openapi.json) instead of printing one`,

  rules: `Usage: za-duties rules [--compact]

Prints the catalogue of duties as JSON: stable duty ids, Act, provision, in-force windows, text,
verification labels, recipients, timing, forms, offences (penalties only where verified),
protections and interpretation notes. Batch output refers to duties by these ids.

Options:
  --compact       one line of JSON instead of indented`,

  serve: `Usage: za-duties serve [--port N] [--host 127.0.0.1] [limits and timeouts below]

Serves the same operations over HTTP (node:http):
  POST /assess          body: a case (application/json) -> compact assessment; ?full=1 for all;
                        ?referenced=1 for all with each text referred to by id
  POST /expand          body: a referenced assessment -> the full one (as ?full=1 gave it)
  POST /check           body: a check input -> the compliance check (200 whether or not compliant)
  POST /validate        body: a case -> {"valid":true,…}, or 400 with the issues (not assessed)
  POST /record          body: a case -> {"record":{…},"ids":{…}} (keep ids apart); ?strict=1
  POST /replay          body: a record -> {"sameRules","identical","differences"} (200 either way)
  GET  /rules           the catalogue of duties
  GET  /schema/:name    a JSON Schema (names as for \`za-duties schema\`)
  GET  /openapi.json    the OpenAPI 3.1 description of all of this (as schemas/openapi.json)
  GET  /healthz         {"status":"ok", …}
Every response has the headers ZA-Duties-Version, ZA-Duties-Ruleset and ZA-Duties-Rules-Hash
(SHA-256 of the rule files); the server's own bodies (errors, /healthz, /validate, /record,
/replay) carry "version" and "rulesHash", and assessments their "rulesetVersion".
Errors are JSON {"error":{"code","message",…},"version","rulesHash"}: 400 bad JSON (line, column; also a repeated key)
or a schema violation (issues with paths) or no Host, 404, 405, 408 body too slow, 413 body or
answer too large, 415 not JSON in UTF-8, 417 Expect, 421 not a loopback Host name (when bound to
loopback), 503 busy (with Retry-After). No stack traces; nothing about a request is logged.

Options:
  --port N                  port (default 8080; 0 picks a free one and prints it)
  --host H                  address to bind (default 127.0.0.1, loopback only; there is no
                            authentication, so bind elsewhere only behind something that adds it)
  --max-body-bytes N        largest request body (default 262144)
  --max-people N            most people in one case (default 50; at most 200)
  --max-concerns N          most concerns in one case (default 100; at most 500)
  --max-response-bytes N    largest answer, e.g. ?full=1 of a huge case (default 6291456)
  --max-concurrent N        POSTs received and assessed at once; 503 beyond (default 64)
  --max-unsent-bytes N      answers waiting for slow clients, in total; beyond, the longest-waiting
                            is cut off (default 67108864)
  --max-connections N       open connections (default 1024)
  --idle-timeout-ms N       a connection that sends nothing, before or between requests (default 5000)
  --headers-timeout-ms N    time allowed for the request headers (default 10000)
  --timeout-ms N            time allowed for a request body (default 10000)
  --request-timeout-ms N    time allowed for a whole request (default 30000)
  --send-timeout-ms N       time allowed to deliver an answer; a client that does not read it is
                            disconnected (default 10000)

Stops gracefully on SIGTERM or SIGINT: in-flight requests finish, then it exits 0.`,
};
