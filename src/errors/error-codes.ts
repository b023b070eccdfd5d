/**
 * Every code an error carries, one list for the library, the CLI (`error.code` on stdout and in
 * batch records) and the HTTP server (`error.code` in error bodies):
 *
 * - `invalid_input`: the input does not fit its schema or breaks a cross-field rule (with `issues`);
 *   what the library's {@link ValidationError} stands for;
 * - `invalid_json` (with line and column), `input_error` (a file that cannot be read),
 *   `line_too_long` (a batch line over the limit);
 * - over HTTP: `body_too_large`, `case_too_large`, `response_too_large`, `unsupported_media_type`,
 *   `request_timeout`, `method_not_allowed`, `not_found`, `bad_request`, `host_not_allowed`,
 *   `expectation_failed`, `headers_too_large`, `overloaded`;
 * - `internal_error`: a fault of the library (nothing about the case is logged).
 *
 * @example
 * ```ts
 * import { ERROR_CODES } from 'za-reporting-duties';
 * ERROR_CODES.includes('invalid_input'); //=> true
 * ```
 * @category Errors
 */
export const ERROR_CODES = [
  'invalid_input',
  'invalid_json',
  'input_error',
  'line_too_long',
  'body_too_large',
  'case_too_large',
  'response_too_large',
  'unsupported_media_type',
  'request_timeout',
  'method_not_allowed',
  'not_found',
  'bad_request',
  'host_not_allowed',
  'expectation_failed',
  'headers_too_large',
  'overloaded',
  'internal_error',
] as const;

/**
 * The code of an error (see {@link ERROR_CODES}).
 *
 * @example
 * ```ts
 * const code: ErrorCode = 'invalid_input';
 * ```
 */
export type ErrorCode = (typeof ERROR_CODES)[number];
