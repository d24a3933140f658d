/**
 * The hub process: database, operator API and device gateway on one HTTP server. The constructor
 * does nothing; `start()` opens the database, migrates it and listens; `stop()` closes sessions,
 * the server and the database.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { openDatabase } from './db/open.js';
import type { Database } from './db/schema.js';
import { DeviceStore } from './devices.js';
import { CardStore } from './cards.js';
import { EventStore } from './events.js';
import { EnrollmentStore } from './enrollment.js';
import { CommandStore } from './commands.js';
import { DatasetReader } from './datasets.js';
import { AccountStore } from './accounts.js';
import { CardLife } from './card-life.js';
import { CardLifeSettingsStore } from './card-life-settings.js';
import { PeopleImport } from './people-import.js';
import { TariffStore } from './tariffs.js';
import { ScheduleStore } from './schedules.js';
import { listMeters } from './meters.js';
import { DEVICE_PATH, Gateway } from './gateway.js';
import { createApiHandler } from './api.js';
import { isConsoleRequest, serveConsole } from './console/serve.js';
import { OperatorStore } from './operators.js';
import { AuditLog } from './audit.js';
import { openApiDocument } from './openapi.js';
import type { ScryptParams } from './passwords.js';
import { MerchantStore } from './merchants.js';
import { TicketStore } from './tickets.js';
import { PersistentAlarmCheck, type PersistentAlarmCheckOptions } from './persistent-alarms.js';
import { Settlement } from './settlement.js';
import { CorrectionStore } from './corrections.js';
import { Reconciliation } from './reconciliation.js';
import { ChannelLists } from './channel-lists.js';
import { CalendarJobs } from './calendar-jobs.js';
import { JobSchedule, type JobScheduleOptions } from './job-schedule.js';
import { DEFAULT_SETTLEMENT_TIME_ZONE } from './periods.js';
import type { DatasetChange } from './dataset-log.js';
import { systemClock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';

export interface HubOptions {
  /** `sqlite:PATH` or `sqlite::memory:`. */
  dbUrl: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
  now?: () => number;
  authTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Versions kept in each dataset's change log; a device further behind gets a snapshot (default 10,000). */
  datasetLogRetentionVersions?: number;
  /**
   * A second listener for devices only (the gateway and `POST /v1/enroll`), which may face the
   * campus network: wss with `tls`, or plain ws only on loopback or with `allowPlainWs`.
   */
  deviceListen?: { host: string; port: number; tls?: { certPem: string; keyPem: string }; allowPlainWs?: boolean };
  /** Operator password hashing (default hub/passwords.ts DEFAULT_SCRYPT; tests use a cheaper one). */
  scrypt?: ScryptParams;
  /** How long an operator's token lives (default 8 hours). */
  sessionTtlMs?: number;
  /** Failed logins in a row that lock an operator (default 5), and for how long (default 15 minutes). */
  maxFailedLogins?: number;
  loginLockMs?: number;
  /** The campus's time zone: settlement periods, reports and the calendar jobs' days (default Asia/Shanghai). */
  timeZone?: string;
  /** Run the calendar jobs every day (`onecard hub` does: hub/job-schedule.ts); absent, they run when asked. */
  dailyJobs?: Omit<JobScheduleOptions, 'jobs' | 'now' | 'timeZone' | 'logger' | 'clock'> & { clock?: JobScheduleOptions['clock'] };
  /** The check for fault alarms standing without a clear (hub/persistent-alarms.ts): its timers (default the system's) and interval (default a minute). */
  alarmCheck?: { clock?: PersistentAlarmCheckOptions['clock']; intervalMs?: number };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export class HubListenError extends Error {
  override name = 'HubListenError';
}

export class Hub {
  private db_: Kysely<Database> | null = null;
  private server: Server | null = null;
  private deviceServer: Server | null = null;
  private gateway_: Gateway | null = null;
  devices!: DeviceStore;
  cards!: CardStore;
  events!: EventStore;
  accounts!: AccountStore;
  cardLife!: CardLife;
  datasets!: DatasetReader;
  operators!: OperatorStore;
  audit!: AuditLog;
  tickets!: TicketStore;
  merchants!: MerchantStore;
  settlement!: Settlement;
  corrections!: CorrectionStore;
  reconciliation!: Reconciliation;
  jobs!: CalendarJobs;
  private jobSchedule: JobSchedule | null = null;
  /** Files tickets for fault alarms standing too long (runs while the hub does). */
  alarmCheck: PersistentAlarmCheck | null = null;

  constructor(private readonly options: HubOptions) {}

  get db(): Kysely<Database> {
    if (!this.db_) throw new Error('hub not started');
    return this.db_;
  }

  get gateway(): Gateway {
    if (!this.gateway_) throw new Error('hub not started');
    return this.gateway_;
  }

  /** The address actually listened on, e.g. http://127.0.0.1:8780. */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('hub not listening');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  /** Where devices connect: the device listener when there is one, else the API's address. */
  get deviceUrl(): string {
    const address = this.deviceServer?.address() as AddressInfo | null | undefined;
    if (!address) return this.url.replace(/^http/, 'ws') + DEVICE_PATH;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `${this.options.deviceListen?.tls ? 'wss' : 'ws'}://${host}:${address.port}${DEVICE_PATH}`;
  }

  async start(): Promise<void> {
    const { logger } = this.options;
    const now = this.options.now ?? Date.now;
    if (!LOOPBACK.has(this.options.host)) {
      throw new HubListenError(`refusing to listen on ${this.options.host}: the operator API speaks plain HTTP (passwords and tokens in clear), so it is served on loopback only (127.0.0.1 or ::1); reach it through SSH or a TLS proxy`);
    }
    const dl = this.options.deviceListen;
    if (dl && !dl.tls && !dl.allowPlainWs && !LOOPBACK.has(dl.host)) {
      throw new HubListenError(`refusing plain ws for devices on ${dl.host}: give a TLS certificate and key (wss), or allow plain ws explicitly (--allow-plain-ws) on a network you trust`);
    }
    this.db_ = await openDatabase(this.options.dbUrl);
    this.devices = new DeviceStore(this.db_, now);
    this.cards = new CardStore(this.db_, now, {
      ...(this.options.datasetLogRetentionVersions !== undefined ? { logRetentionVersions: this.options.datasetLogRetentionVersions } : {}),
    });
    const retention = this.options.datasetLogRetentionVersions !== undefined ? { logRetentionVersions: this.options.datasetLogRetentionVersions } : {};
    this.cardLife = new CardLife(this.db_, now, retention);
    this.events = new EventStore(this.db_, now);
    this.accounts = new AccountStore(this.db_, now);
    this.datasets = new DatasetReader(this.db_);
    this.operators = new OperatorStore(this.db_, now, {
      ...(this.options.scrypt !== undefined ? { scrypt: this.options.scrypt } : {}),
      ...(this.options.sessionTtlMs !== undefined ? { sessionTtlMs: this.options.sessionTtlMs } : {}),
      ...(this.options.maxFailedLogins !== undefined ? { maxFailedLogins: this.options.maxFailedLogins } : {}),
      ...(this.options.loginLockMs !== undefined ? { lockMs: this.options.loginLockMs } : {}),
    });
    this.audit = new AuditLog(this.db_, now);
    let openapi: Record<string, unknown> | null = null;
    const db = this.db_;
    const commands = new CommandStore(this.db_, now);
    const gateway = new Gateway({
      commands,
      devices: this.devices,
      events: this.events,
      datasets: this.datasets,
      logger,
      now,
      ...(this.options.authTimeoutMs !== undefined ? { authTimeoutMs: this.options.authTimeoutMs } : {}),
      ...(this.options.heartbeatIntervalMs !== undefined ? { heartbeatIntervalMs: this.options.heartbeatIntervalMs } : {}),
    });
    gateway.start();
    this.gateway_ = gateway;
    const timeZone = this.options.timeZone ?? DEFAULT_SETTLEMENT_TIME_ZONE;
    const pushDataset = (change: DatasetChange) => {
      gateway.pushDataset(change.name).catch((err: Error) => logger.log('error', 'hub.push_failed', { dataset: change.name, error: err.message }));
    };
    this.merchants = new MerchantStore(this.db_, now);
    this.settlement = new Settlement(this.db_, now, timeZone);
    this.corrections = new CorrectionStore(this.db_, now);
    this.reconciliation = new Reconciliation(this.db_, now, timeZone);
    this.jobs = new CalendarJobs({ db: this.db_, now, timeZone, cardLife: this.cardLife, settlement: this.settlement, reconciliation: this.reconciliation, datasetChanged: pushDataset, logger });
    this.tickets = new TicketStore(this.db_, now);
    const api = createApiHandler({
      db: this.db_,
      tickets: this.tickets,
      operators: this.operators,
      audit: this.audit,
      now,
      openapi: () => (openapi ??= openApiDocument()),
      devices: this.devices,
      cards: this.cards,
      datasets: this.datasets,
      accounts: this.accounts,
      cardLife: this.cardLife,
      peopleImport: new PeopleImport(this.db_, now, retention),
      cardLifeSettings: new CardLifeSettingsStore(this.db_, now),
      tariffs: new TariffStore(this.db_, now),
      schedules: new ScheduleStore(this.db_, now),
      listMeters: (query) => listMeters(db, query),
      events: this.events,
      logger,
      enrollment: new EnrollmentStore(this.db_, { now }),
      onlineDeviceIds: () => gateway.onlineDeviceIds(),
      deviceRevoked: (deviceId) => gateway.disconnect(deviceId, 'this device was revoked'),
      commands,
      commandCreated: (deviceId) => {
        gateway.sendCommands(deviceId).catch((err: Error) => logger.log('error', 'hub.command_send_failed', { deviceId, error: err.message }));
      },
      datasetChanged: (change) => {
        gateway.pushDataset(change.name).catch((err: Error) => logger.log('error', 'hub.push_failed', { dataset: change.name, error: err.message }));
      },
      pushDatasetNow: async (name) => {
        const online = gateway.onlineDeviceIds();
        await gateway.pushDataset(name);
        return online;
      },
      merchants: this.merchants,
      settlement: this.settlement,
      corrections: this.corrections,
      reconciliation: this.reconciliation,
      channelLists: new ChannelLists(this.db_, now),
      jobs: this.jobs,
      settlementTimeZone: timeZone,
    });
    const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(req.url ?? '/', 'http://hub').pathname;
      if (path !== DEVICE_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      gateway.handleUpgrade(req, socket, head);
    };
    // The web console's files (hub/console/) and the API on one origin: the console calls the API.
    const server = createServer((req, res) => {
      if (!isConsoleRequest(req)) return api(req, res);
      serveConsole(req, res).catch((err: Error) => {
        logger.log('error', 'hub.console_failed', { url: req.url, error: err.message });
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    server.on('upgrade', upgrade);
    server.on('clientError', (_err, socket) => socket.destroy());
    this.server = server;
    try {
      await listen(server, this.options.host, this.options.port, '--listen');
      if (dl) {
        // Devices only: the operator API is not served here.
        const deviceApi = (req: IncomingMessage, res: ServerResponse) => {
          const path = new URL(req.url ?? '/', 'http://hub').pathname;
          if (path === '/v1/enroll' || path === '/api/health') return api(req, res);
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'devices only here' } }));
        };
        const deviceServer = dl.tls ? createHttpsServer({ cert: dl.tls.certPem, key: dl.tls.keyPem }, deviceApi) : createServer(deviceApi);
        deviceServer.on('upgrade', upgrade);
        deviceServer.on('clientError', (_err, socket) => socket.destroy());
        deviceServer.on('tlsClientError', (err) => logger.log('warn', 'hub.tls_client_error', { error: err.message }));
        this.deviceServer = deviceServer;
        await listen(deviceServer, dl.host, dl.port, '--device-listen');
      }
    } catch (err) {
      await this.stop();
      throw err;
    }
    if (this.options.dailyJobs) {
      this.jobSchedule = new JobSchedule({ clock: systemClock, ...this.options.dailyJobs, jobs: this.jobs, now, timeZone, logger });
      this.jobSchedule.start();
    }
    const check = this.options.alarmCheck;
    this.alarmCheck = new PersistentAlarmCheck({ db: this.db_, now, logger, clock: check?.clock ?? systemClock, ...(check?.intervalMs !== undefined ? { intervalMs: check.intervalMs } : {}) });
    this.alarmCheck.start();
    logger.log('info', 'hub.started', { url: this.url, devices: this.deviceUrl, db: this.options.dbUrl });
  }

  async stop(): Promise<void> {
    await this.jobSchedule?.stop();
    this.jobSchedule = null;
    await this.alarmCheck?.stop();
    this.alarmCheck = null;
    await this.gateway_?.stop();
    this.gateway_ = null;
    for (const server of [this.server, this.deviceServer]) {
      if (!server?.listening) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.server = null;
    this.deviceServer = null;
    await this.db_?.destroy();
    this.db_ = null;
  }
}

function listen(server: Server, host: string, port: number, option: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new HubListenError(`cannot listen on ${host}:${port}: ${err.code === 'EADDRINUSE' ? `the port is in use (choose another with ${option})` : err.message}`)),
    );
    server.listen(port, host, () => resolve());
  });
}
