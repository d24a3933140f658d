/**
 * Test double of onoff 6 over a fake sysfs tree in a temp dir (the real onoff always uses
 * /sys/class/gpio, which this machine does not have). It keeps onoff's behaviour and the kernel's
 * rules, with errno-style errors:
 *
 * - the constructor exports the line unless it is already exported (onoff then silently reuses
 *   it); the kernel refuses to export a number outside every gpiochip (EINVAL) and a line held
 *   through the character device (EBUSY); `high`/`low` set the direction with that value;
 * - `value` files hold the logical value (physical XOR `active_low`), as sysfs does;
 * - writing an input fails EPERM; values are 0|1; every call after `unexport()` fails EBADF;
 * - an unexported line keeps the level it was driven to (`level()` still reports it);
 * - watchers fire only for the edges enabled by `edge`, with the value read after the change.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errnoError } from './fake-node-libgpiod.js';
import type { OnoffGpio, OnoffModule } from './sysfs.js';

type Callback = (err: Error | null | undefined, value: 0 | 1) => void;

export class FakeOnoff {
  readonly calls: string[] = [];
  readonly module: OnoffModule;
  /** Lines held through the character device: exporting them fails EBUSY. */
  readonly heldByChardev = new Set<number>();
  private readonly watchers = new Map<number, Set<{ edge: string; callback: Callback }>>();
  private readonly gpioDir: string;

  constructor(sysRoot: string) {
    this.gpioDir = join(sysRoot, 'class', 'gpio');
    this.module = { Gpio: this.makeGpio() };
  }

  /** Level an unexported line was left at (the pin keeps driving it, as on a Pi). */
  private readonly leftAt = new Map<number, 0 | 1>();

  /** The physical level of a line (exported now, or left at when it was unexported). */
  level(n: number): 0 | 1 {
    const dir = join(this.gpioDir, `gpio${n}`);
    if (!existsSync(dir)) {
      const left = this.leftAt.get(n);
      if (left === undefined) throw new Error(`fake: gpio${n} was never exported`);
      return left;
    }
    return (Number(readFileSync(join(dir, 'value'), 'utf8')) ^ Number(readFileSync(join(dir, 'active_low'), 'utf8'))) as 0 | 1;
  }

  isExported(n: number): boolean {
    return existsSync(join(this.gpioDir, `gpio${n}`));
  }

  /** The outside world drives an exported input to a physical level; watchers fire as epoll would. */
  drive(n: number, physical: 0 | 1): void {
    const dir = join(this.gpioDir, `gpio${n}`);
    if (readFileSync(join(dir, 'direction'), 'utf8').trim() !== 'in') throw new Error(`fake: gpio${n} is not an input`);
    const value = (physical ^ Number(readFileSync(join(dir, 'active_low'), 'utf8'))) as 0 | 1;
    if (Number(readFileSync(join(dir, 'value'), 'utf8')) === value) return;
    writeFileSync(join(dir, 'value'), String(value));
    for (const w of [...(this.watchers.get(n) ?? [])]) {
      if (w.edge === 'both' || (w.edge === 'rising' && value === 1) || (w.edge === 'falling' && value === 0)) w.callback(null, value);
    }
  }

  /** Exports a line as another program would (or an earlier run that crashed). */
  exportElsewhere(n: number, direction: 'in' | 'out', physical: 0 | 1 = 0): void {
    this.exportLine(n);
    const dir = join(this.gpioDir, `gpio${n}`);
    writeFileSync(join(dir, 'direction'), direction);
    writeFileSync(join(dir, 'value'), String(physical));
  }

  private exportLine(n: number): void {
    const chips = readdirSync(this.gpioDir).filter((e) => e.startsWith('gpiochip'));
    const inChip = chips.some((c) => {
      const base = Number(readFileSync(join(this.gpioDir, c, 'base'), 'utf8'));
      const ngpio = Number(readFileSync(join(this.gpioDir, c, 'ngpio'), 'utf8'));
      return n >= base && n < base + ngpio;
    });
    if (!inChip) throw errnoError('EINVAL', 22, 'write export');
    if (this.heldByChardev.has(n)) throw errnoError('EBUSY', 16, 'write export');
    const dir = join(this.gpioDir, `gpio${n}`);
    mkdirSync(dir);
    for (const [file, text] of [['value', '0'], ['direction', 'in'], ['active_low', '0'], ['edge', 'none']] as const) writeFileSync(join(dir, file), text);
  }

  private makeGpio(): OnoffModule['Gpio'] {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const world = this;
    return class Gpio implements OnoffGpio {
      private readonly dir: string;
      private open = true;
      private readonly mine = new Set<{ edge: string; callback: Callback }>();
      constructor(
        private readonly n: number,
        direction: 'in' | 'out' | 'high' | 'low',
        edge?: 'none' | 'rising' | 'falling' | 'both',
        options?: { activeLow?: boolean; reconfigureDirection?: boolean },
      ) {
        world.calls.push(`new Gpio(${n}, ${direction}, ${String(edge)}, ${JSON.stringify(options ?? {})})`);
        this.dir = join(world.gpioDir, `gpio${n}`);
        if (!existsSync(this.dir)) world.exportLine(n);
        if (typeof options?.activeLow === 'boolean') writeFileSync(join(this.dir, 'active_low'), options.activeLow ? '1' : '0');
        if (!['in', 'out', 'high', 'low'].includes(direction)) throw errnoError('EINVAL', 22, 'write direction');
        writeFileSync(join(this.dir, 'direction'), direction === 'in' ? 'in' : 'out');
        if (direction === 'high' || direction === 'low') {
          const activeLow = Number(readFileSync(join(this.dir, 'active_low'), 'utf8'));
          writeFileSync(join(this.dir, 'value'), String(Number(direction === 'high') ^ activeLow));
        }
        if (edge && direction === 'in') writeFileSync(join(this.dir, 'edge'), edge);
      }
      private check(): void {
        if (!this.open) throw errnoError('EBADF', 9, 'read');
      }
      readSync(): 0 | 1 {
        this.check();
        return Number(readFileSync(join(this.dir, 'value'), 'utf8')) === 1 ? 1 : 0;
      }
      writeSync(value: 0 | 1): void {
        world.calls.push(`writeSync(${this.n}, ${String(value)})`);
        this.check();
        if (value !== 0 && value !== 1) throw new TypeError(`writeSync: ${String(value)} is not 0 or 1`);
        if (readFileSync(join(this.dir, 'direction'), 'utf8').trim() !== 'out') throw errnoError('EPERM', 1, 'write');
        writeFileSync(join(this.dir, 'value'), String(value));
      }
      watch(callback: Callback): void {
        this.check();
        const w = { edge: readFileSync(join(this.dir, 'edge'), 'utf8').trim(), callback };
        this.mine.add(w);
        let set = world.watchers.get(this.n);
        if (!set) world.watchers.set(this.n, (set = new Set()));
        set.add(w);
      }
      unwatch(callback?: Callback): void {
        for (const w of [...this.mine]) {
          if (callback && w.callback !== callback) continue;
          this.mine.delete(w);
          world.watchers.get(this.n)?.delete(w);
        }
      }
      unexport(): void {
        world.calls.push(`unexport(${this.n})`);
        this.check();
        this.unwatch();
        this.open = false;
        world.leftAt.set(this.n, world.level(this.n));
        rmSync(this.dir, { recursive: true, force: true });
      }
    };
  }
}
