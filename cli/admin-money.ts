/**
 * `onecard admin` subcommands for money and the datasets points run by: rooms, accounts, top-ups,
 * statements, tariffs, schedules, holidays, meters, and the offline-authorisation and room-power
 * commands to devices. Each is one call of the hub API (hub/api-money.ts, hub/api-facilities.ts).
 */
import { UsageError } from './args.js';
import { count, instant, list, need, option, requiredCount, seg, time, yuan, type Call, type CallContext, type Json } from './admin-call.js';

export const MONEY_USAGE = `  room add ROOM_ID --name NAME                          a room and its account room.ROOM_ID
  account show ACCOUNT_ID                               balance (person.PERSON_ID, room.ROOM_ID, merchant.DEVICE_ID, system.cash)
  account statement ACCOUNT_ID [--limit N]              transfers, newest first
  topup ACCOUNT_ID --amount-fen N --reference REF [--channel cash|online]
                                                        cash paid in at the window (default) or a payment of the online
                                                        channel; the same REF on a channel again changes nothing
  tariff list
  tariff set TARIFF_ID --basis per_litre|per_second|per_kwh --price-millifen N
             [--band HH:MM-HH:MM=PRICE_MILLIFEN ...] [--minimum-charge-fen N] [--max-session-ms N]
             [--max-session-cost-fen N] [--free-energy-wh-per-month N] [--fallback-price-millifen-per-second N]
  tariff delete TARIFF_ID
  schedule list
  schedule set SCHEDULE_ID --period 'mon-fri 07:00-23:00' [--period ...] [--holiday-period 'sat,sun 09:00-18:00' ...]
  schedule delete SCHEDULE_ID
  holiday list
  holiday add YYYY-MM-DD
  holiday remove YYYY-MM-DD
  device offline-auth DEVICE_ID --until TIME            authorise offline work until TIME (ISO with zone, unix ms; 0 withdraws)
  device room-power DEVICE_ID POINT_ID on|off [--until TIME]   override the balance rule (until TIME or the next command)
  meters [--device DEVICE_ID]                           latest reading of every room meter`;

/** Options these subcommands take (for parseArgs). */
export const MONEY_OPTIONS = {
  'amount-fen': { type: 'string' }, reference: { type: 'string' }, channel: { type: 'string' }, basis: { type: 'string' }, 'price-millifen': { type: 'string' },
  band: { type: 'string', multiple: true }, 'minimum-charge-fen': { type: 'string' }, 'max-session-ms': { type: 'string' },
  'max-session-cost-fen': { type: 'string' }, 'free-energy-wh-per-month': { type: 'string' }, 'fallback-price-millifen-per-second': { type: 'string' },
  period: { type: 'string', multiple: true }, 'holiday-period': { type: 'string', multiple: true }, until: { type: 'string' },
} as const;

/** The call for a money subcommand, or null when `object action` is not one. */
export function moneyCall(ctx: CallContext): Call | null {
  const [target] = ctx.args;
  // `topup ACCOUNT_ID` and `meters` have no action word.
  switch (ctx.object === 'topup' || ctx.object === 'meters' ? ctx.object : `${ctx.object} ${ctx.action ?? ''}`.trim()) {
    case 'room add':
      return { method: 'POST', path: '/api/rooms', body: { roomId: need(ctx, 'ROOM_ID', target), name: need(ctx, '--name', option(ctx, 'name')) }, show: (b) => `room ${String(b.roomId)}: ${showAccount(b.account as Json)}` };
    case 'account show':
      return { method: 'GET', path: `/api/accounts/${seg(need(ctx, 'ACCOUNT_ID', target))}`, show: (b) => showAccount(b.account as Json) };
    case 'account statement': {
      const limit = count(ctx, 'limit');
      return {
        method: 'GET',
        path: `/api/accounts/${seg(need(ctx, 'ACCOUNT_ID', target))}/transfers${limit === undefined ? '' : `?limit=${limit}`}`,
        show: (b) => [showAccount(b.account as Json), ...((b.transfers ?? []) as Json[]).map(showTransfer)].join('\n'),
      };
    }
    case 'topup':
      // `topup ACCOUNT_ID`: the account is in the action's place.
      return {
        method: 'POST',
        path: `/api/accounts/${seg(need(ctx, 'ACCOUNT_ID', ctx.action))}/topups`,
        body: {
          amountFen: requiredCount(ctx, 'amount-fen'), reference: need(ctx, '--reference', option(ctx, 'reference')),
          ...(option(ctx, 'channel') !== undefined ? { channel: option(ctx, 'channel') } : {}),
        },
        show: (b) => {
          const t = b.topUp as Json;
          const done = b.result === 'created' ? `${yuan(t.amountFen)} yuan in` : 'already recorded, nothing moved';
          return `${t.channel === 'online' ? 'online ' : ''}top-up ${String(t.reference)}: ${String(b.result)} (${done}); ${showAccount(b.account as Json)}`;
        },
      };
    case 'tariff list':
      return { method: 'GET', path: '/api/tariffs', show: (b) => ((b.tariffs ?? []) as Json[]).map(showTariff).join('\n') || 'no tariffs' };
    case 'tariff set':
      return {
        method: 'PUT',
        path: `/api/tariffs/${seg(need(ctx, 'TARIFF_ID', target))}`,
        body: tariffBody(ctx),
        show: (b) => `${showTariff(b.tariff as Json)}${b.tariffsVersion === null ? ' (unchanged)' : `; tariffs version ${String(b.tariffsVersion)}`}`,
      };
    case 'tariff delete':
      return { method: 'DELETE', path: `/api/tariffs/${seg(need(ctx, 'TARIFF_ID', target))}`, show: (b) => `tariff ${String(b.tariffId)}: deleted; tariffs version ${String(b.tariffsVersion)}` };
    case 'schedule list':
      return { method: 'GET', path: '/api/schedules', show: (b) => ((b.schedules ?? []) as Json[]).map(showSchedule).join('\n') || 'no schedules' };
    case 'schedule set': {
      const body: Json = { periods: list(ctx, 'period').map((p) => period(p, '--period')) };
      const holiday = list(ctx, 'holiday-period');
      if (holiday.length > 0) body.holidayPeriods = holiday.map((p) => period(p, '--holiday-period'));
      if (list(ctx, 'period').length === 0) need(ctx, '--period', undefined);
      return {
        method: 'PUT',
        path: `/api/schedules/${seg(need(ctx, 'SCHEDULE_ID', target))}`,
        body,
        show: (b) => `${showSchedule(b.schedule as Json)}${b.schedulesVersion === null ? ' (unchanged)' : `; schedules version ${String(b.schedulesVersion)}`}`,
      };
    }
    case 'schedule delete':
      return { method: 'DELETE', path: `/api/schedules/${seg(need(ctx, 'SCHEDULE_ID', target))}`, show: (b) => `schedule ${String(b.scheduleId)}: deleted; schedules version ${String(b.schedulesVersion)}` };
    case 'holiday list':
      return { method: 'GET', path: '/api/holidays', show: (b) => ((b.holidays ?? []) as string[]).join('\n') || 'no holidays' };
    case 'holiday add':
    case 'holiday remove':
      return {
        method: ctx.action === 'add' ? 'PUT' : 'DELETE',
        path: `/api/holidays/${seg(need(ctx, 'YYYY-MM-DD', target))}`,
        show: (b) => `holiday ${String(b.date)}: ${ctx.action === 'add' ? 'added' : 'removed'}${b.schedulesVersion === null ? ' (already listed)' : `; schedules version ${String(b.schedulesVersion)}`}`,
      };
    case 'device offline-auth': {
      const until = need(ctx, '--until', option(ctx, 'until'));
      return commandCall(need(ctx, 'DEVICE_ID', target), { setOfflineAuthorisation: { untilUnixMs: instant(until) } });
    }
    case 'device room-power': {
      const state = need(ctx, 'on|off', ctx.args[2]);
      if (state !== 'on' && state !== 'off') throw new UsageError(`device room-power: the state must be on or off, got ${JSON.stringify(state)}\n\n${ctx.usage}`);
      const until = option(ctx, 'until');
      return commandCall(need(ctx, 'DEVICE_ID', target), {
        setRoomPower: { pointId: need(ctx, 'POINT_ID', ctx.args[1]), on: state === 'on', ...(until === undefined ? {} : { overrideUntilUnixMs: instant(until) }) },
      });
    }
    case 'meters':
      return { method: 'GET', path: `/api/meters${option(ctx, 'device') ? `?deviceId=${seg(option(ctx, 'device')!)}` : ''}`, show: showMeters };
    default:
      return null;
  }
}

function commandCall(deviceId: string, body: Json): Call {
  return {
    method: 'POST',
    path: `/api/devices/${seg(deviceId)}/commands`,
    body,
    show: (b) => `command ${String((b.command as Json).commandId)} ${String((b.command as Json).action)}: ${String((b.command as Json).status)} (see 'onecard admin device commands ${deviceId}')`,
  };
}

function tariffBody(ctx: CallContext): Json {
  const body: Json = { basis: need(ctx, '--basis', option(ctx, 'basis')), priceMillifen: requiredCount(ctx, 'price-millifen') };
  const bands = list(ctx, 'band').map((b) => {
    const m = /^(\d\d:\d\d)-(\d\d:\d\d)=(\d+)$/.exec(b);
    if (!m) throw new UsageError(`--band must be HH:MM-HH:MM=PRICE_MILLIFEN, got ${JSON.stringify(b)}`);
    return { from: m[1], to: m[2], priceMillifen: Number(m[3]) };
  });
  if (bands.length > 0) body.bands = bands;
  const fields = {
    minimumChargeFen: 'minimum-charge-fen', maxSessionMs: 'max-session-ms', maxSessionCostFen: 'max-session-cost-fen',
    freeEnergyWhPerMonth: 'free-energy-wh-per-month', fallbackPriceMillifenPerSecond: 'fallback-price-millifen-per-second',
  } as const;
  for (const [field, name] of Object.entries(fields)) {
    const n = count(ctx, name);
    if (n !== undefined) body[field] = n;
  }
  return body;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** 'mon-fri 07:00-23:00' or 'sat,sun 09:00-12:00' -> {days, from, to}. */
function period(text: string, name: string): Json {
  const m = /^(\S+)\s+(\d\d:\d\d)-(\d\d:\d\d)$/.exec(text.trim());
  const bad = () => new UsageError(`${name} must be DAYS HH:MM-HH:MM with DAYS like mon-fri or sat,sun, got ${JSON.stringify(text)}`);
  if (!m) throw bad();
  const days: string[] = [];
  for (const part of m[1]!.split(',')) {
    const [a, b] = part.split('-');
    const from = DAYS.indexOf(a ?? '');
    const to = b === undefined ? from : DAYS.indexOf(b);
    if (from < 0 || to < from) throw bad();
    days.push(...DAYS.slice(from, to + 1));
  }
  return { days, from: m[2], to: m[3] };
}

function showAccount(a: Json): string {
  return `account ${String(a.accountId)} (${String(a.kind)}${a.name ? `, ${String(a.name)}` : ''}): balance ${yuan(a.balanceFen)} yuan`;
}

function showTransfer(t: Json): string {
  const amount = Number(t.amountFen);
  const source = t.deviceId ? ` ${String(t.deviceId)}#${String(t.seq)}` : t.reference ? ` ref ${String(t.reference)}` : '';
  return `${time(t.createdAtMs)} ${(amount > 0 ? '+' : '') + yuan(amount)} ${String(t.kind)}${source} ${amount > 0 ? 'from' : 'to'} ${String(t.counterpartyAccountId)}`;
}

function showTariff(t: Json): string {
  const bands = ((t.bands ?? []) as Json[]).map((b) => ` ${String(b.from)}-${String(b.to)} at ${String(b.priceMillifen)}`).join(',');
  return `tariff ${String(t.tariffId)}: ${String(t.basis)} ${String(t.priceMillifen)} millifen${bands ? `; bands${bands}` : ''}`;
}

function showSchedule(s: Json): string {
  const fmt = (list: Json[]) => list.map((p) => `${(p.days as string[]).join(',')} ${String(p.from)}-${String(p.to)}`).join('; ') || 'closed';
  return `schedule ${String(s.scheduleId)}: ${fmt((s.periods ?? []) as Json[])}; holidays: ${fmt((s.holidayPeriods ?? []) as Json[])}`;
}

function showMeters(body: Json): string {
  const meters = (body.meters ?? []) as Json[];
  if (meters.length === 0) return 'no meter readings';
  return meters
    .map((m) => {
      const values = m.comm === 'ok' ? ` ${String(m.energyWh)} Wh ${String(m.powerW)} W ${String(m.voltageMv)} mV ${String(m.currentMa)} mA relay ${m.relayClosed ? 'closed' : 'open'}` : '';
      return `${String(m.deviceId)}/${String(m.pointId)}/${String(m.meterId)} ${time(m.deviceTimeMs)} comm ${String(m.comm)}${values} account ${String(m.accountId)} ${yuan(m.balanceFen)} yuan${m.cutOff ? ' CUT OFF' : ''}`;
    })
    .join('\n');
}
