/**
 * Commands from operators to devices, each with an id made here, stored before it is sent, resent
 * on every reconnect until the device answers (the device runs each id once), and never delivered
 * after it expires:
 *
 *   open_door                  {pointId}                        60 s (a door opened minutes late is a hazard)
 *   set_room_power             {pointId, on, overrideUntilUnixMs} 60 s (a cut or restore hours late surprises the room)
 *   set_offline_authorisation  {untilUnixMs} (0 withdraws)       24 h (it names its own expiry; it matters
 *                                                                 most for a device that is often offline)
 *   run_self_test              {only} (suites; empty: all)       10 min (a technician waits for the answer;
 *                                                                 its steps come back as self_test events)
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CommandStatus, Database } from './db/schema.js';
import { pb } from '../protocol/messages.js';
import type { onecard } from '../protocol/gen/onecard.js';
import { failure, type Outcome } from './outcome.js';

export type CommandAction =
  | { kind: 'open_door'; pointId: string }
  | { kind: 'set_room_power'; pointId: string; on: boolean; overrideUntilUnixMs: number }
  | { kind: 'set_offline_authorisation'; untilUnixMs: number }
  | { kind: 'run_self_test'; only: string[] };

/** How long each kind of command may wait for its device (the default for the others). */
const TTL_MS: Partial<Record<CommandAction['kind'], number>> = { set_offline_authorisation: 24 * 3600_000, run_self_test: 10 * 60_000 };

export interface CommandView {
  commandId: string;
  deviceId: string;
  action: string;
  args: Record<string, unknown>;
  status: CommandStatus;
  detail: string;
  createdAtMs: number;
  expiresAtMs: number;
  sentAtMs: number | null;
  resultAtMs: number | null;
}

export class CommandStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
    private readonly ttlMs = 60_000,
  ) {}

  async create(deviceId: string, action: CommandAction): Promise<Outcome<{ command: CommandView }>> {
    const device = await this.db.selectFrom('devices').select(['device_id', 'revoked_at_ms']).where('device_id', '=', deviceId).executeTakeFirst();
    if (!device) return failure('not_found', `no device ${deviceId}`, 'deviceId');
    const at = this.now();
    const { kind, ...args } = action;
    const row = {
      command_id: randomUUID(), device_id: deviceId, action: kind, args_json: JSON.stringify(args),
      created_at_ms: at, expires_at_ms: at + (TTL_MS[kind] ?? this.ttlMs), sent_at_ms: null, status: 'pending' as const, detail: '', result_at_ms: null,
    };
    await this.db.insertInto('device_commands').values(row).execute();
    return { ok: true, command: view(row) };
  }

  /** Commands to (re)send to a device now; the expired ones are marked so and left out. */
  async deliverable(deviceId: string): Promise<{ commandId: string; envelope: onecard.v1.Command.$Properties }[]> {
    const at = this.now();
    await this.db
      .updateTable('device_commands')
      .set({ status: 'expired', result_at_ms: at, detail: 'not delivered before it expired' })
      .where('device_id', '=', deviceId)
      .where('status', 'in', ['pending', 'sent'])
      .where('expires_at_ms', '<=', at)
      .execute();
    const rows = await this.db
      .selectFrom('device_commands')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('status', 'in', ['pending', 'sent'])
      .orderBy('created_at_ms')
      .limit(100)
      .execute();
    return rows.map((r) => ({ commandId: r.command_id, envelope: toEnvelope(r.command_id, r.action, JSON.parse(r.args_json) as Record<string, unknown>) }));
  }

  async markSent(commandId: string): Promise<void> {
    await this.db.updateTable('device_commands').set({ status: 'sent', sent_at_ms: this.now() }).where('command_id', '=', commandId).where('status', '=', 'pending').execute();
  }

  /** Stores a device's answer; an answer for another device's command, or a second one, changes nothing. */
  async recordResult(deviceId: string, commandId: string, status: onecard.v1.CommandStatus, detail: string): Promise<boolean> {
    const text: CommandStatus =
      status === pb.CommandStatus.COMMAND_STATUS_DONE ? 'done' : status === pb.CommandStatus.COMMAND_STATUS_UNSUPPORTED ? 'unsupported' : 'failed';
    const result = await this.db
      .updateTable('device_commands')
      .set({ status: text, detail: detail.slice(0, 1024), result_at_ms: this.now() })
      .where('command_id', '=', commandId)
      .where('device_id', '=', deviceId)
      .where('status', 'in', ['pending', 'sent'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async get(commandId: string): Promise<CommandView | undefined> {
    const row = await this.db.selectFrom('device_commands').selectAll().where('command_id', '=', commandId).executeTakeFirst();
    return row && view(row);
  }

  async list(deviceId: string, limit = 50): Promise<CommandView[]> {
    const rows = await this.db.selectFrom('device_commands').selectAll().where('device_id', '=', deviceId).orderBy('created_at_ms', 'desc').limit(limit).execute();
    return rows.map(view);
  }
}

function toEnvelope(commandId: string, action: string, args: Record<string, unknown>): onecard.v1.Command.$Properties {
  switch (action) {
    case 'open_door':
      return { commandId, openDoor: { pointId: String(args.pointId ?? '') } };
    case 'set_room_power':
      return { commandId, setRoomPower: { pointId: String(args.pointId ?? ''), on: args.on === true, overrideUntilUnixMs: Number(args.overrideUntilUnixMs ?? 0) } };
    case 'set_offline_authorisation':
      return { commandId, setOfflineAuthorisation: { untilUnixMs: Number(args.untilUnixMs ?? 0) } };
    case 'run_self_test':
      return { commandId, runSelfTest: { only: Array.isArray(args.only) ? args.only.map(String) : [] } };
    default:
      return { commandId };
  }
}

function view(r: Database['device_commands']): CommandView {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    commandId: r.command_id, deviceId: r.device_id, action: r.action, args: JSON.parse(r.args_json) as Record<string, unknown>,
    status: r.status, detail: r.detail, createdAtMs: Number(r.created_at_ms), expiresAtMs: Number(r.expires_at_ms),
    sentAtMs: n(r.sent_at_ms), resultAtMs: n(r.result_at_ms),
  };
}
