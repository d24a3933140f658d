/** What the demo scenarios share: calls to the hub's API, waiting, and printing steps. */
import type { Hub } from '../../hub/hub.js';
import type { Controller } from '../../controller/controller.js';
import type { EmulatedDrivers } from '../../emulators/drivers.js';

export interface DemoDevice {
  id: string;
  controller: Controller;
  drivers: EmulatedDrivers;
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

const tokens = new WeakMap<Hub, string>();

/** The demo's calls to this hub go as the operator of `token` (cli/demo.ts logs in its demo admin). */
export function actAs(hub: Hub, token: string): void {
  tokens.set(hub, token);
}

export async function call(hub: Hub, method: string, path: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = {};
  const token = tokens.get(hub);
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(hub.url + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The reply's body; an HTTP error throws unless its code is one of `alsoFine` (e.g. already exists). */
export async function expectOk(what: string, reply: Promise<Reply>, alsoFine: string[] = []): Promise<Record<string, unknown>> {
  const { status, body } = await reply;
  const code = (body.error as { code?: string } | undefined)?.code;
  if (status >= 300 && !(code && alsoFine.includes(code))) throw new Error(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  return body;
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

export function yuan(fen: number): string {
  return `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toFixed(2)}`;
}

/** A price in millifen as yuan with as many decimals as it needs (¥0.025). */
export function priceYuan(millifen: number): string {
  return `¥${(millifen / 100_000).toFixed(5).replace(/0{1,3}$/, '')}`;
}

let step = 0;
export function say(text: string): void {
  console.log(`\n[${++step}] ${text}`);
}

export interface EventView {
  seq: number;
  kind: string;
  pointId: string;
  amountFen: number | null;
  accountId: string | null;
  reason: string | null;
  transferId: string | null;
  detail: Record<string, Record<string, unknown>>;
}

/** Events of a device after a seq, as the hub holds them. */
export async function eventsAfter(hub: Hub, deviceId: string, afterSeq: number): Promise<EventView[]> {
  const res = await call(hub, 'GET', `/api/events?deviceId=${deviceId}&afterSeq=${afterSeq}&limit=500`);
  return (res.body.events as EventView[] | undefined) ?? [];
}

/** Waits until the hub holds an event of the device after `afterSeq` that `match` accepts; returns it. */
export async function hubEvent(hub: Hub, deviceId: string, afterSeq: number, match: (e: EventView) => boolean, what: string, timeoutMs = 10_000): Promise<EventView> {
  let found: EventView | undefined;
  await until(async () => {
    found = (await eventsAfter(hub, deviceId, afterSeq)).find(match);
    return found !== undefined;
  }, timeoutMs, what);
  return found!;
}

export async function balanceAtHub(hub: Hub, accountId: string): Promise<number> {
  const body = await expectOk(`account ${accountId}`, call(hub, 'GET', `/api/accounts/${accountId}`));
  return Number((body.account as { balanceFen: number }).balanceFen);
}

/** Tops an account up to `targetFen` (a demo run again starts from the same balance). */
export async function topUpTo(hub: Hub, accountId: string, targetFen: number, reference: string): Promise<number> {
  const balance = await balanceAtHub(hub, accountId);
  if (balance >= targetFen) return balance;
  await expectOk(`top up ${accountId}`, call(hub, 'POST', `/api/accounts/${accountId}/topups`, { amountFen: targetFen - balance, reference }));
  return targetFen;
}
