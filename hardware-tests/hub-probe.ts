/**
 * Probes of the hub from the device, for an on-site self-test. Neither authenticates: a second
 * authenticated session would push a running controller's session off the hub, so the probes
 * leave no trace there.
 *
 * - `probeHubLink`: a WebSocket connect to `hub.url`, then hello and the hub's challenge (the
 *   round trip of the device protocol's first exchange). Closed right after.
 * - `probeHubTime`: an HTTP GET of the same address (no upgrade); the hub's `Date` header, whole
 *   seconds, against the middle of our send and receive times: good to about ±0.5 s, enough to
 *   tell a clock that jumped (the controller's own alarm is at 10 s).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import WebSocket from 'ws';
import { ErrorCode, PROTOCOL_VERSION, errorCodeName } from '../protocol/messages.js';
import { HUB_TO_DEVICE_LIMITS, decodeFrame, encodeFrame } from '../protocol/wire.js';

/** `reached`: something answered (a hub, or a wrong peer); false: refused, no route or no answer. */
export type ProbeFailure = { ok: false; reached: boolean; code: string; message: string };

export type HubLinkProbe = { ok: true; connectMs: number; roundTripMs: number } | ProbeFailure;

export type HubTimeProbe = { ok: true; offsetMs: number; uncertaintyMs: number; hubDateMs: number } | ProbeFailure;

export interface ProbeOptions {
  url: string;
  deviceId: string;
  caPem?: string;
  timeoutMs: number;
  /** Local wall clock (the time probe compares it with the hub's). */
  wallNow?: () => number;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'timeout']);

function failure(err: Error & { code?: string }): ProbeFailure {
  const http = /Unexpected server response: (\d+)/.exec(err.message);
  const code = err.code ?? (http ? `http_${http[1]}` : 'error');
  return { ok: false, reached: !UNREACHABLE.has(code), code, message: err.message };
}

export function probeHubLink(options: ProbeOptions): Promise<HubLinkProbe> {
  return new Promise((resolve) => {
    const startMs = performance.now();
    let helloAtMs = 0;
    let connectMs = 0;
    let settled = false;
    const ws = new WebSocket(options.url, { handshakeTimeout: options.timeoutMs, perMessageDeflate: false, maxPayload: HUB_TO_DEVICE_LIMITS.maxFrameBytes, ...(options.caPem ? { ca: options.caPem } : {}) });
    ws.binaryType = 'nodebuffer';
    const timer = setTimeout(() => done({ ok: false, reached: false, code: 'timeout', message: `no answer within ${options.timeoutMs} ms` }), options.timeoutMs);
    function done(result: HubLinkProbe): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.removeAllListeners('message');
      ws.on('error', () => undefined);
      if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'self-test done');
      else ws.terminate();
      resolve(result);
    }
    ws.on('open', () => {
      connectMs = performance.now() - startMs;
      helloAtMs = performance.now();
      ws.send(encodeFrame({ hello: { deviceId: options.deviceId, protocolVersion: PROTOCOL_VERSION, lastSeqWritten: 0, softwareVersion: 'onecard/0.1.0 selftest' } }));
    });
    ws.on('message', (data: Buffer) => {
      const decoded = decodeFrame(data, HUB_TO_DEVICE_LIMITS);
      if (!decoded.ok) return done({ ok: false, reached: true, code: errorCodeName(decoded.code), message: `the peer sent a bad frame: ${decoded.message}` });
      const env = decoded.envelope;
      if (env.body === 'challenge') return done({ ok: true, connectMs, roundTripMs: performance.now() - helloAtMs });
      if (env.body === 'error') {
        const code = env.error!.code ?? ErrorCode.ERROR_CODE_UNSPECIFIED;
        return done({ ok: false, reached: true, code: errorCodeName(code), message: env.error!.message ?? '' });
      }
      done({ ok: false, reached: true, code: 'unexpected_message', message: `answered hello with ${env.body}` });
    });
    ws.on('error', (err) => done(failure(err)));
    ws.on('close', (code) => done({ ok: false, reached: true, code: 'closed', message: `closed the connection (${code}) without a challenge` }));
  });
}

export function probeHubTime(options: ProbeOptions): Promise<HubTimeProbe> {
  const wallNow = options.wallNow ?? Date.now;
  const url = new URL(options.url.replace(/^ws/, 'http'));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const sentAtMs = wallNow();
    const req = request(url, { method: 'GET', timeout: options.timeoutMs, ...(options.caPem ? { ca: options.caPem } : {}) }, (res: IncomingMessage) => {
      const receivedAtMs = wallNow();
      res.resume();
      const date = res.headers.date ? Date.parse(res.headers.date) : NaN;
      if (!Number.isFinite(date)) {
        resolve({ ok: false, reached: true, code: 'no_date', message: `the hub answered ${res.statusCode ?? 0} without a Date header` });
        return;
      }
      // The Date header is the hub's time truncated to the second: the middle of that second.
      const hubMs = date + 500;
      const midpointMs = (sentAtMs + receivedAtMs) / 2;
      resolve({ ok: true, hubDateMs: date, offsetMs: Math.round(hubMs - midpointMs), uncertaintyMs: 500 + Math.max(0, Math.round((receivedAtMs - sentAtMs) / 2)) });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'timeout' })));
    req.on('error', (err) => resolve(failure(err)));
    req.end();
  });
}
