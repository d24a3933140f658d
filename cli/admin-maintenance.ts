/**
 * `onecard admin` subcommands for maintenance, each one call of the hub API (hub/api-maintenance.ts):
 * a remote self-test, a device's self-test history, and repair tickets.
 */
import { UsageError } from './args.js';
import { need, option, seg, time, type Call, type CallContext, type Json } from './admin-call.js';

export const MAINTENANCE_USAGE = `  device selftest DEVICE_ID [--only reader,relay,valve,meter,journal,hub,clock]   a self-test run remotely
  device selftests DEVICE_ID [--limit N]               its self-test runs, newest first, with failed steps
  ticket list [--status S] [--category C] [--device ID] [--source self_test|alarm|resident] [--limit N]
  ticket show TICKET_ID [--contact]                    a ticket with its steps and the events attached to it; a
                                                       resident's name, student number and phone masked (李*, ******3456),
                                                       in full with --contact and --reason TEXT (logged)
  ticket open --name NAME --student-number N --phone P --dorm-room R --category C --description TEXT
              [--at TIME] [--device ID] [--component NAME]   a resident's repair request; categories:
                                                       electricity_meter, water_meter, door, consumption, permissions, other
  ticket assign TICKET_ID --assignee OPERATOR_ID [--note TEXT]
  ticket start|resolve|close|reject TICKET_ID [--note TEXT]`;

export const MAINTENANCE_OPTIONS = {
  only: { type: 'string' }, category: { type: 'string' }, source: { type: 'string' }, 'student-number': { type: 'string' },
  'dorm-room': { type: 'string' }, description: { type: 'string' }, component: { type: 'string' }, assignee: { type: 'string' },
  contact: { type: 'boolean' },
} as const;

const STEP: Readonly<Record<string, string>> = { assign: 'assigned', start: 'in_progress', resolve: 'resolved', close: 'closed', reject: 'rejected' };

/** The call of a maintenance subcommand; null when it is not one. */
export function maintenanceCall(ctx: CallContext): Call | null {
  const [a1] = ctx.args;
  const note = option(ctx, 'note');
  if (ctx.object === 'device' && ctx.action === 'selftest') {
    const only = option(ctx, 'only');
    return {
      method: 'POST', path: `/api/devices/${seg(need(ctx, 'DEVICE_ID', a1))}/commands`,
      body: { runSelfTest: only ? { only: only.split(',').map((s) => s.trim()).filter((s) => s !== '') } : {} },
      show: (b) => `self-test ${String((b.command as Json).commandId)} sent to ${String(a1)}; its runs: onecard admin device selftests ${String(a1)}`,
    };
  }
  if (ctx.object === 'device' && ctx.action === 'selftests') {
    const limit = option(ctx, 'limit');
    return { method: 'GET', path: `/api/devices/${seg(need(ctx, 'DEVICE_ID', a1))}/selftests${limit ? `?limit=${seg(limit)}` : ''}`, show: (b) => (b.runs as Json[]).map(showRun).join('\n') || 'no self-test runs' };
  }
  if (ctx.object !== 'ticket') return null;
  switch (ctx.action) {
    case 'list': {
      const query = new URLSearchParams();
      for (const [flag, key] of [['status', 'status'], ['category', 'category'], ['device', 'deviceId'], ['source', 'source'], ['limit', 'limit']] as const) {
        const v = option(ctx, flag);
        if (v !== undefined) query.set(key, v);
      }
      const q = query.toString();
      return { method: 'GET', path: `/api/tickets${q ? `?${q}` : ''}`, show: (b) => (b.tickets as Json[]).map(showTicket).join('\n') || 'no tickets' };
    }
    case 'show':
      return { method: 'GET', path: `/api/tickets/${seg(need(ctx, 'TICKET_ID', a1))}${ctx.values.contact === true ? '?contact=1' : ''}`, show: (b) => showDetail(b.ticket as Json) };
    case 'open': {
      const body: Json = {
        name: need(ctx, '--name', option(ctx, 'name')), studentNumber: need(ctx, '--student-number', option(ctx, 'student-number')),
        phone: need(ctx, '--phone', option(ctx, 'phone')), dormRoom: need(ctx, '--dorm-room', option(ctx, 'dorm-room')),
        category: need(ctx, '--category', option(ctx, 'category')), description: need(ctx, '--description', option(ctx, 'description')),
      };
      for (const [flag, key] of [['at', 'reportedAt'], ['device', 'deviceId'], ['component', 'component']] as const) {
        const v = option(ctx, flag);
        if (v !== undefined) body[key] = v;
      }
      return { method: 'POST', path: '/api/tickets', body, show: (b) => `${showTicket(b.ticket as Json)}: opened` };
    }
    default: {
      const status = STEP[ctx.action ?? ''];
      if (!status) throw new UsageError(`ticket: unknown action ${JSON.stringify(ctx.action ?? '')}\n\n${ctx.usage}`);
      const body: Json = { status, ...(note !== undefined ? { note } : {}) };
      if (status === 'assigned') body.assignee = need(ctx, '--assignee', option(ctx, 'assignee'));
      return { method: 'POST', path: `/api/tickets/${seg(need(ctx, 'TICKET_ID', a1))}/steps`, body, show: (b) => showTicket(b.ticket as Json) };
    }
  }
}

function showRun(r: Json): string {
  const s = r.summary as Json;
  const failed = (r.failed as string[]).length > 0 ? `\n  failed: ${(r.failed as string[]).join(', ')}` : '';
  return `${time(r.startedAtMs)} run ${String(r.runId)}: ${String(r.result).toUpperCase()} (${String(s.steps)} steps, ${String(s.pass)} pass, ${String(s.fail)} fail, ${String(s.skip)} skip)${failed}`;
}

function showTicket(t: Json): string {
  const where = t.deviceId ? ` ${String(t.deviceId)}${t.component ? ` ${String(t.component)}` : ''}` : '';
  const who = t.resident ? ` for ${String((t.resident as Json).name)} (${String((t.resident as Json).dormRoom)})` : '';
  const assignee = t.assignee ? `, assigned to ${String(t.assignee)}` : '';
  return `ticket ${String(t.ticketId)} [${String(t.status)}] ${String(t.category)}${where}${who} from ${String(t.source)}, ${String(t.occurrences)}x${assignee}`;
}

function showDetail(t: Json): string {
  const r = t.resident as Json | null;
  const resident = r ? `\n  resident: ${String(r.name)}, student number ${String(r.studentNumber)}, phone ${String(r.phone)}, room ${String(r.dormRoom)}, reported ${time(t.reportedAtMs)}` : '';
  const steps = (t.steps as Json[]).map((s) => `\n  ${time(s.atMs)} ${String(s.fromStatus ?? '-')} -> ${String(s.toStatus)} by ${String(s.operatorId)}${s.note ? `: ${String(s.note)}` : ''}`).join('');
  const events = (t.events as Json[]).map((e) => `\n  ${String(e.deviceId)}#${String(e.seq)} ${String(e.kind)}: ${String(e.summary)}`).join('');
  return `${showTicket(t)}\n  ${String(t.description)}${resident}${steps}${events}`;
}
