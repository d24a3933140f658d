/**
 * How `onecard admin` authenticates: `--token`, else $ONECARD_TOKEN, else the token saved by
 * `onecard admin login` for this hub in the token file ($ONECARD_TOKEN_FILE, else
 * $XDG_CONFIG_HOME/onecard/token, else ~/.config/onecard/token; mode 0600). And how it reads a
 * password: from a file (its first line), from standard input when that is not a terminal (one
 * line per password asked), or typed at a prompt without echo.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface SavedSession {
  token: string;
  operatorId: string;
  expiresAtMs: number;
}

interface TokenFile {
  version: 1;
  /** By hub URL. */
  sessions: Record<string, SavedSession>;
}

export function tokenFilePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ONECARD_TOKEN_FILE) return env.ONECARD_TOKEN_FILE;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'onecard', 'token');
}

async function readTokenFile(path: string): Promise<TokenFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, sessions: {} };
    throw new Error(`cannot read the token file ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const parsed = JSON.parse(text) as TokenFile;
    if (parsed.version === 1 && typeof parsed.sessions === 'object' && parsed.sessions !== null) return parsed;
  } catch {
    // Not ours, or damaged: start afresh below.
  }
  return { version: 1, sessions: {} };
}

async function writeTokenFile(path: string, file: TokenFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
}

export async function savedSession(hub: string, path = tokenFilePath()): Promise<SavedSession | null> {
  return (await readTokenFile(path)).sessions[hub] ?? null;
}

export async function saveSession(hub: string, session: SavedSession, path = tokenFilePath()): Promise<void> {
  const file = await readTokenFile(path);
  file.sessions[hub] = session;
  await writeTokenFile(path, file);
}

export async function forgetSession(hub: string, path = tokenFilePath()): Promise<boolean> {
  const file = await readTokenFile(path);
  if (!(hub in file.sessions)) return false;
  delete file.sessions[hub];
  await writeTokenFile(path, file);
  return true;
}

/** The token to send: --token, $ONECARD_TOKEN, or the saved one for this hub (null: none). */
export async function resolveToken(hub: string, option: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (option) return option;
  if (env.ONECARD_TOKEN) return env.ONECARD_TOKEN;
  return (await savedSession(hub, tokenFilePath(env)))?.token ?? null;
}

/** Reads passwords: from a file, from piped standard input (a line each), or typed without echo. */
export class SecretReader {
  private lines: string[] | null = null;

  async read(prompt: string, file: string | undefined): Promise<string> {
    if (file !== undefined) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new Error(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
      }
      const line = text.split(/\r?\n/)[0] ?? '';
      if (line === '') throw new Error(`${file}: the first line is empty (it must hold the password)`);
      return line;
    }
    if (!process.stdin.isTTY) {
      this.lines ??= (await readAll(process.stdin)).split(/\r?\n/);
      const line = this.lines.shift();
      if (line === undefined || line === '') throw new Error(`${prompt.replace(/:\s*$/, '')}: no line for it on standard input`);
      return line;
    }
    return promptHidden(prompt);
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** A line typed at the terminal without echo. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (err: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(text);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new Error('interrupted'));
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else if (ch >= ' ') text += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
