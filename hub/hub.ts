/**
 * The hub process: database, operator API and device gateway on one HTTP server. The constructor
 * does nothing; `start()` opens the database, migrates it and listens; `stop()` closes sessions,
 * the server and the database.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { openDatabase } from './db/open.js';
import type { Database } from './db/schema.js';
import { DeviceStore } from './devices.js';
import { CardStore } from './cards.js';
import { EventStore } from './events.js';
import { EnrollmentStore } from './enrollment.js';
import { CommandStore } from './commands.js';
import { DEVICE_PATH, Gateway } from './gateway.js';
import { createApiHandler } from './api.js';
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
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export class HubListenError extends Error {
  override name = 'HubListenError';
}

export class Hub {
  private db_: Kysely<Database> | null = null;
  private server: Server | null = null;
  private gateway_: Gateway | null = null;
  devices!: DeviceStore;
  cards!: CardStore;
  events!: EventStore;

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

  get deviceUrl(): string {
    return this.url.replace(/^http/, 'ws') + DEVICE_PATH;
  }

  async start(): Promise<void> {
    const { logger } = this.options;
    const now = this.options.now ?? Date.now;
    if (!LOOPBACK.has(this.options.host)) {
      throw new HubListenError(`refusing to listen on ${this.options.host}: the operator API has no authentication yet, so it is served on loopback only (127.0.0.1 or ::1)`);
    }
    this.db_ = await openDatabase(this.options.dbUrl);
    this.devices = new DeviceStore(this.db_, now);
    this.cards = new CardStore(this.db_, now, {
      ...(this.options.datasetLogRetentionVersions !== undefined ? { logRetentionVersions: this.options.datasetLogRetentionVersions } : {}),
    });
    this.events = new EventStore(this.db_, now);
    const commands = new CommandStore(this.db_, now);
    const gateway = new Gateway({
      commands,
      devices: this.devices,
      events: this.events,
      cards: this.cards,
      logger,
      now,
      ...(this.options.authTimeoutMs !== undefined ? { authTimeoutMs: this.options.authTimeoutMs } : {}),
      ...(this.options.heartbeatIntervalMs !== undefined ? { heartbeatIntervalMs: this.options.heartbeatIntervalMs } : {}),
    });
    gateway.start();
    this.gateway_ = gateway;
    const api = createApiHandler({
      devices: this.devices,
      cards: this.cards,
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
    });
    const server = createServer(api);
    server.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', 'http://hub').pathname;
      if (path !== DEVICE_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      gateway.handleUpgrade(req, socket, head);
    });
    server.on('clientError', (_err, socket) => socket.destroy());
    this.server = server;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', (err: NodeJS.ErrnoException) =>
          reject(new HubListenError(`cannot listen on ${this.options.host}:${this.options.port}: ${err.code === 'EADDRINUSE' ? 'the port is in use (choose another with --listen)' : err.message}`)),
        );
        server.listen(this.options.port, this.options.host, () => resolve());
      });
    } catch (err) {
      await this.stop();
      throw err;
    }
    logger.log('info', 'hub.started', { url: this.url, db: this.options.dbUrl });
  }

  async stop(): Promise<void> {
    await this.gateway_?.stop();
    this.gateway_ = null;
    const server = this.server;
    this.server = null;
    if (server?.listening) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await this.db_?.destroy();
    this.db_ = null;
  }
}
