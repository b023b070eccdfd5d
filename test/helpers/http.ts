import http from 'node:http';
import { keepAnswer } from './openapi-check.js';

/** A server's answer, as the HTTP tests read it. */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: () => Record<string, unknown>;
}

/**
 * One request with node:http to a server on loopback (full control of headers and body). Every
 * answer is kept to be checked against the OpenAPI description after the test (`documentedPath`:
 * the path as the description names it, where the server is mounted under a prefix).
 */
export function httpRequest(options: {
  port: number;
  method: string;
  path: string;
  body?: string | Buffer | undefined;
  headers?: Record<string, string>;
  agent?: http.Agent | undefined;
  documentedPath?: string;
}): Promise<Reply> {
  const { port, method, path, body, headers = {}, agent } = options;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const reply: Reply = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text,
          json: () => JSON.parse(text) as Record<string, unknown>,
        };
        keepAnswer({ method, path: options.documentedPath ?? path, status: reply.status, headers: reply.headers, body: reply.body });
        resolve(reply);
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}
