/**
 * Serves the web console at /console/ on the operator listener: its three files, with an ETag,
 * a strict Content-Security-Policy (only its own script and style, the API on the same origin) and
 * no framing. `/` redirects to it. Everything it shows comes from the operator API with the
 * operator's token, so the console needs no access of its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { consoleAssets } from './assets.js';

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Whether a request is the console's (and so answered here rather than by the API). */
export function isConsoleRequest(req: IncomingMessage): boolean {
  const path = new URL(req.url ?? '/', 'http://hub').pathname;
  return path === '/' || path === '/console' || path.startsWith('/console/');
}

export async function serveConsole(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://hub').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'method_not_allowed', message: `${req.method} is not served under /console/` } }));
    return;
  }
  if (path === '/' || path === '/console') {
    res.writeHead(302, { location: '/console/' }).end();
    return;
  }
  const name = path === '/console/' ? 'index.html' : path.slice('/console/'.length);
  let assets;
  try {
    assets = await consoleAssets();
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`the console could not be built: ${(err as Error).message}`);
    return;
  }
  const file = assets.get(name);
  if (!file) {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: `no console file ${name}` } }));
    return;
  }
  const headers = { ...SECURITY_HEADERS, 'content-type': file.contentType, etag: file.etag, 'cache-control': 'no-cache' };
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': file.body.length });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
