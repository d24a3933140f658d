/**
 * Commands from the hub, each executed once.
 *
 * A command carries an id chosen by the hub. The result of every command run is remembered (the
 * last `maxRemembered`, persisted atomically before the result is sent), so a command delivered
 * again (a resend after a broken link, a replayed frame) is answered with the stored result and
 * not run a second time. Supported: open a door, set the offline authorisation, cut or restore a
 * room's supply, run the self-test (hardware-tests/remote.ts: one SelfTestResult event per step,
 * answered `done` with the summary once it ran, whatever its steps found; `failed` when it could
 * not run). Other actions are answered `unsupported`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pb } from '../protocol/messages.js';
import type { onecard } from '../protocol/gen/onecard.js';
import { writeFileDurable } from '../lib/fsx.js';
import type { Logger } from '../lib/log.js';
import type { DoorPoint } from './points/door.js';
import type { RoomPowerControl } from './points/point.js';
import type { OfflineAuthorisation } from './offline-authorisation.js';
import type { RemoteOutcome } from '../hardware-tests/remote.js';

export interface CommandResult {
  status: onecard.v1.CommandStatus;
  detail: string;
}

export interface CommandRunnerOptions {
  /** Where the results of past commands are kept; null keeps them in memory only. */
  dir: string | null;
  logger: Logger;
  doors: () => readonly DoorPoint[];
  rooms?: () => readonly RoomPowerControl[];
  offlineAuthorisation?: OfflineAuthorisation;
  /** Runs the self-test the hub asks for (hardware-tests/remote.ts). */
  selfTest?: { run(runId: string, only: readonly string[]): Promise<RemoteOutcome> };
  maxRemembered?: number;
}

export class CommandRunner {
  private results = new Map<string, CommandResult>();
  private running = new Map<string, Promise<CommandResult>>();
  private persisting: Promise<void> = Promise.resolve();
  private readonly max: number;

  constructor(private readonly options: CommandRunnerOptions) {
    this.max = options.maxRemembered ?? 1000;
  }

  private get path(): string | null {
    return this.options.dir ? join(this.options.dir, 'commands.json') : null;
  }

  async start(): Promise<void> {
    const path = this.path;
    if (!path) return;
    try {
      const stored = JSON.parse(await readFile(path, 'utf8')) as [string, CommandResult][];
      this.results = new Map(stored);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.logger.log('warn', 'commands.history_unreadable', { path, error: (err as Error).message });
      }
    }
  }

  /** Runs a command once; a repeated id gets the first run's result. */
  run(command: onecard.v1.Command.$Properties): Promise<CommandResult> {
    const id = command.commandId ?? '';
    const done = this.results.get(id);
    if (done) {
      this.options.logger.log('info', 'commands.repeated', { commandId: id });
      return Promise.resolve(done);
    }
    const inFlight = this.running.get(id);
    if (inFlight) return inFlight;
    const run = this.execute(command)
      .then(async (result) => {
        this.results.set(id, result);
        while (this.results.size > this.max) this.results.delete(this.results.keys().next().value!);
        // Persist in order; a failure to persist is logged, and the result still reported (the
        // action happened).
        this.persisting = this.persisting.then(() => this.persist()).catch((err: Error) =>
          this.options.logger.log('error', 'commands.history_write_failed', { error: err.message }),
        );
        await this.persisting;
        this.options.logger.log('info', 'commands.done', { commandId: id, status: pb.CommandStatus[result.status], detail: result.detail });
        return result;
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
    return run;
  }

  private async persist(): Promise<void> {
    const path = this.path;
    if (path) await writeFileDurable(path, JSON.stringify([...this.results]));
  }

  private async execute(command: onecard.v1.Command.$Properties): Promise<CommandResult> {
    const { DONE, FAILED, UNSUPPORTED } = {
      DONE: pb.CommandStatus.COMMAND_STATUS_DONE,
      FAILED: pb.CommandStatus.COMMAND_STATUS_FAILED,
      UNSUPPORTED: pb.CommandStatus.COMMAND_STATUS_UNSUPPORTED,
    };
    if (command.openDoor) {
      const pointId = command.openDoor.pointId ?? '';
      const door = this.options.doors().find((d) => d.id === pointId);
      if (!door) return { status: FAILED, detail: `no door point ${JSON.stringify(pointId)} on this controller` };
      try {
        await door.remoteOpen();
        return { status: DONE, detail: `door ${pointId} opened` };
      } catch (err) {
        return { status: FAILED, detail: `door ${pointId}: ${(err as Error).message}` };
      }
    }
    if (command.setOfflineAuthorisation && this.options.offlineAuthorisation) {
      const until = Number(command.setOfflineAuthorisation.untilUnixMs ?? 0);
      try {
        await this.options.offlineAuthorisation.set(until);
        return { status: DONE, detail: until > 0 ? `offline work authorised until ${new Date(until).toISOString()}` : 'offline work no longer authorised' };
      } catch (err) {
        return { status: FAILED, detail: `offline authorisation not saved: ${(err as Error).message}` };
      }
    }
    if (command.setRoomPower && this.options.rooms) {
      const pointId = command.setRoomPower.pointId ?? '';
      const room = this.options.rooms().find((r) => r.id === pointId);
      if (!room) return { status: FAILED, detail: `no room point ${JSON.stringify(pointId)} on this controller` };
      try {
        const detail = await room.setPowerOverride(command.setRoomPower.on === true, Number(command.setRoomPower.overrideUntilUnixMs ?? 0));
        return { status: DONE, detail };
      } catch (err) {
        return { status: FAILED, detail: `room ${pointId}: ${(err as Error).message}` };
      }
    }
    if (command.runSelfTest && this.options.selfTest) {
      const outcome = await this.options.selfTest.run(command.commandId ?? '', command.runSelfTest.only ?? []);
      return { status: outcome.ran ? DONE : FAILED, detail: outcome.detail };
    }
    return { status: UNSUPPORTED, detail: 'this controller does not support that command' };
  }
}
