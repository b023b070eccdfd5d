/**
 * `za-reporting-duties/http`: the HTTP interface of `za-duties serve` as a request handler, to
 * mount in a Node server you already run (node:http, Express, Fastify's raw handler, ...). The
 * routes, limits, JSON errors and headers are those of `za-duties serve`; its OpenAPI 3.1
 * description is `GET /openapi.json` (also shipped as `za-reporting-duties/schemas/openapi.json`).
 *
 * @example
 * ```ts
 * import http from 'node:http';
 * import { createHandler } from 'za-reporting-duties/http';
 * const handle = createHandler({ maxPeople: 20 });
 * http.createServer(handle).listen(8080, '127.0.0.1');
 * ```
 *
 * @packageDocumentation
 */
export { createHandler, createServer, startServer, SERVE_DEFAULTS } from './serve.js';
export type { ServeOptions, RunningServer } from './serve.js';
