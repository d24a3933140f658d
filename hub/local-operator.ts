/**
 * For a process that runs a hub itself (the demo, benchmarks, tests): an operator with the given
 * roles and a known password, and a token for it got by the real login (POST /api/session), so the
 * process calls the API as any operator would and the audit log shows who did it.
 */
import type { Hub } from './hub.js';
import { generatePassword } from './passwords.js';
import type { Role } from './roles.js';

export interface LocalOperator {
  operatorId: string;
  password: string;
  token: string;
  expiresAtMs: number;
}

export async function localOperator(hub: Hub, input: { operatorId: string; name?: string; roles: Role[]; password?: string }): Promise<LocalOperator> {
  const password = input.password ?? generatePassword();
  const existing = await hub.operators.get(input.operatorId);
  if (!existing) {
    const added = await hub.operators.add({ operatorId: input.operatorId, name: input.name ?? input.operatorId, roles: input.roles, password });
    if (!added.ok) throw new Error(`operator ${input.operatorId}: ${added.message}`);
  } else {
    const updated = await hub.operators.update(input.operatorId, { roles: input.roles, disabled: false });
    if (!updated.ok) throw new Error(`operator ${input.operatorId}: ${updated.message}`);
    const reset = await hub.operators.setPassword(input.operatorId, password, { mustChange: false });
    if (!reset.ok) throw new Error(`operator ${input.operatorId}: ${reset.message}`);
  }
  const res = await fetch(`${hub.url}/api/session`, { method: 'POST', body: JSON.stringify({ operatorId: input.operatorId, password }), headers: { 'content-type': 'application/json' } });
  const body = (await res.json()) as { token?: string; expiresAtMs?: number; error?: { code: string; message: string } };
  if (res.status !== 201 || !body.token) throw new Error(`login as ${input.operatorId}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return { operatorId: input.operatorId, password, token: body.token, expiresAtMs: body.expiresAtMs! };
}
