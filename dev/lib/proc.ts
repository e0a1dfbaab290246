// Child processes that are always cleaned up: each runs in its own process group so that
// stopping it also stops anything it started (tsx loaders, Azurite children), and a parent
// that exits for any reason takes its children with it.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (or the signal name) once the process has gone. */
  readonly exited: Promise<number | string>;
  /** The last lines of stdout and stderr, for error messages. */
  output(): string;
  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called for every output line (e.g. to print it with a prefix). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** How many output lines to keep for `output()`. */
  keepLines?: number;
}

const running = new Set<ChildProcess>();

// Last resort: never leave a child behind when this process exits (test runner, Ctrl-C...).
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals, evenIfLeaderExited = false): void {
  if (child.pid === undefined) return;
  if (!evenIfLeaderExited && (child.exitCode !== null || child.signalCode !== null)) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export function spawnManaged(name: string, command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: Ctrl-C reaches only us, and we stop the group ourselves
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  running.add(child);

  const keep = options.keepLines ?? 200;
  const lines: string[] = [];
  const collect = (stream: 'stdout' | 'stderr') => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split(/\r?\n/);
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > keep) lines.shift();
        options.onLine?.(line, stream);
      }
    };
  };
  child.stdout?.on('data', collect('stdout'));
  child.stderr?.on('data', collect('stderr'));

  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
    child.once('error', (error) => {
      running.delete(child);
      lines.push(String(error));
      resolve('spawn-error');
    });
  });

  return {
    name,
    pid: child.pid,
    exited,
    output: () => lines.join('\n'),
    async stop(graceMs = 5000) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Grandchildren that outlived the leader (done at once, before the group id can be reused).
      killGroup(child, 'SIGKILL', true);
    },
  };
}

/** Polls `check` until it returns a value, failing after `timeoutMs` or as soon as `proc` exits. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 20_000, intervalMs = 100, proc }: { timeoutMs?: number; intervalMs?: number; proc?: ManagedProcess } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let gone: number | string | undefined;
  void proc?.exited.then((code) => (gone = code));
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (gone !== undefined) {
      throw new Error(`${what}: ${proc?.name} exited (${gone}) first.\n${proc?.output() ?? ''}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not ready after ${timeoutMs} ms.${proc ? `\n${proc.output()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
