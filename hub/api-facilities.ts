/**
 * Operator API routes for what points run by: tariffs, door schedules, holidays (each change is
 * pushed to devices as a new version of its dataset), and meter readings for facilities.
 *
 *   GET    /api/tariffs
 *   PUT    /api/tariffs/:id       see hub/tariff-schedule-schema.ts    201 created, 200 replaced or unchanged
 *   DELETE /api/tariffs/:id
 *   GET    /api/schedules
 *   PUT    /api/schedules/:id     {periods: [{days, from, to}], holidayPeriods?}
 *   DELETE /api/schedules/:id
 *   GET    /api/holidays
 *   PUT    /api/holidays/:date    YYYY-MM-DD (local)                   201 added, 200 listed already
 *   DELETE /api/holidays/:date
 *   GET    /api/meters?deviceId=  the latest reading of each meter, with its time
 */
import { z } from 'zod';
import type { TariffStore } from './tariffs.js';
import type { ScheduleStore } from './schedules.js';
import type { MeterView } from './meters.js';
import type { DatasetChange } from './dataset-log.js';
import { fail, id, ok, parseBody, parseQuery, pathPart, type Reply, type Request } from './api-http.js';
import { localDate, scheduleBody, tariffBody } from './tariff-schedule-schema.js';
import type { Logger } from '../lib/log.js';

export interface FacilitiesApiDeps {
  tariffs: TariffStore;
  schedules: ScheduleStore;
  listMeters: (query: { deviceId?: string }) => Promise<MeterView[]>;
  logger: Logger;
  datasetChanged: (change: DatasetChange) => void;
}

export const metersQuery = z.object({ deviceId: id.optional() }).strict();

export async function routeFacilities(deps: FacilitiesApiDeps, r: Request): Promise<Reply | null> {
  const { method, path, parts } = r;
  const changed = (change: DatasetChange | null) => {
    if (change) deps.datasetChanged(change);
    return change?.version ?? null;
  };

  if (method === 'GET' && path === '/api/tariffs') return ok(200, { tariffs: await deps.tariffs.list() });
  if (method === 'GET' && path === '/api/schedules') return ok(200, { schedules: await deps.schedules.list() });
  if (method === 'GET' && path === '/api/holidays') return ok(200, { holidays: await deps.schedules.holidays() });
  if (method === 'GET' && path === '/api/meters') {
    const query = parseQuery(r.url, metersQuery);
    if (!query.ok) return fail(query);
    return ok(200, { meters: await deps.listMeters(query.value.deviceId === undefined ? {} : { deviceId: query.value.deviceId }) });
  }
  if (parts[0] !== 'api' || parts.length !== 3 || (method !== 'PUT' && method !== 'DELETE')) return null;

  if (parts[1] === 'tariffs') {
    const tariffId = pathPart(parts[2]!, id, 'tariffId', 'tariff id');
    if (!tariffId.ok) return fail(tariffId);
    if (method === 'DELETE') {
      const result = await deps.tariffs.delete(tariffId.value);
      if (!result.ok) return fail(result);
      deps.logger.log('info', 'api.tariff_deleted', { tariffId: tariffId.value });
      return ok(200, { tariffId: tariffId.value, tariffsVersion: changed(result.change) });
    }
    const body = await parseBody(r.req, tariffBody);
    if (!body.ok) return fail(body);
    const result = await deps.tariffs.put(tariffId.value, body.value);
    if (!result.ok) return fail(result);
    deps.logger.log('info', 'api.tariff_set', { tariffId: tariffId.value, created: result.created, changed: result.change !== null });
    return ok(result.created ? 201 : 200, { tariff: result.tariff, tariffsVersion: changed(result.change) });
  }

  if (parts[1] === 'schedules') {
    const scheduleId = pathPart(parts[2]!, id, 'scheduleId', 'schedule id');
    if (!scheduleId.ok) return fail(scheduleId);
    if (method === 'DELETE') {
      const result = await deps.schedules.delete(scheduleId.value);
      if (!result.ok) return fail(result);
      deps.logger.log('info', 'api.schedule_deleted', { scheduleId: scheduleId.value });
      return ok(200, { scheduleId: scheduleId.value, schedulesVersion: changed(result.change) });
    }
    const body = await parseBody(r.req, scheduleBody);
    if (!body.ok) return fail(body);
    const result = await deps.schedules.put(scheduleId.value, body.value);
    if (!result.ok) return fail(result);
    deps.logger.log('info', 'api.schedule_set', { scheduleId: scheduleId.value, created: result.created, changed: result.change !== null });
    return ok(result.created ? 201 : 200, { schedule: result.schedule, schedulesVersion: changed(result.change) });
  }

  if (parts[1] === 'holidays') {
    const date = pathPart(parts[2]!, localDate, 'date', 'date');
    if (!date.ok) return fail(date);
    if (method === 'DELETE') {
      const result = await deps.schedules.removeHoliday(date.value);
      if (!result.ok) return fail(result);
      deps.logger.log('info', 'api.holiday_removed', { date: date.value });
      return ok(200, { date: date.value, schedulesVersion: changed(result.change) });
    }
    const result = await deps.schedules.addHoliday(date.value);
    deps.logger.log('info', 'api.holiday_added', { date: date.value, created: result.created });
    return ok(result.created ? 201 : 200, { date: date.value, schedulesVersion: changed(result.change) });
  }
  return null;
}
