// The embedding server as a child process: started on a free 127.0.0.1 port, health-checked before use,
// restarted when it dies, stopped with the parent. The child also exits by itself when its stdin closes
// (see serve.py), so even a parent killed with SIGKILL leaves no server behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Logger } from '../log.ts';
import { EMBEDDER_LAUNCHER } from '../paths.ts';

const LAUNCHER = EMBEDDER_LAUNCHER;
const HEALTH_TIMEOUT_MS = 20_000;
const HEALTH_POLL_MS = 50;
/** Restarts back off from 0.5 s to 30 s, so a server that cannot start does not spin. */
const RESTART_DELAYS_MS = [500, 2_000, 10_000, 30_000];
/** A server that ran this long before dying counts as healthy again: its next restart is quick. */
const STABLE_AFTER_MS = 60_000;
const PORT_ATTEMPTS = 3;

export interface ServerProcessOptions {
  python: string;
  log: Logger;
  /** OpenMP threads of the engine; unset lets it use every core. */
  threads?: number;
  /** A port to try first instead of a free one (another is chosen if it is taken). */
  port?: number;
  /** 2 (the default): queries are embedded beside passages, not after them (see serve.py). */
  engines?: 1 | 2;
  /** Called as an engine starts and ends each batch (the server reports it on stderr): signals, not timings. */
  onBatch?: (batch: BatchEvent) => void;
}

export interface BatchEvent {
  event: 'started' | 'finished';
  kind: 'query' | 'passage';
  texts: number;
}

const BATCH_EVENT = /^batch (started|finished): (\d+) (query|passage)$/;

export class EmbedderServerProcess {
  private child?: ChildProcess;
  private port?: number;
  private stopped = false;
  private failures = 0;
  private restartTimer?: NodeJS.Timeout;
  private starting?: Promise<void>;

  constructor(private readonly options: ServerProcessOptions) {}

  /** The server's base URL while it is up (it changes when a restart picks another port). */
  get baseUrl(): string | undefined {
    return this.child && this.port !== undefined ? `http://127.0.0.1:${this.port}/v1` : undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server and waits until /health answers; throws with the reason when it cannot. */
  start(): Promise<void> {
    this.starting ??= this.launchWithRetries().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(forced);
  }

  /** A port taken between choosing it and binding it makes the server exit at once: try another. */
  private async launchWithRetries(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.launch(attempt);
      } catch (error) {
        if (attempt === PORT_ATTEMPTS || !String(error).includes('exited')) throw error;
      }
    }
  }

  private async launch(attempt: number): Promise<void> {
    const port = attempt === 1 && this.options.port ? this.options.port : await freePort();
    const args = [LAUNCHER, '--host', '127.0.0.1', '--port', String(port), '--engines', String(this.options.engines ?? 2)];
    if (this.options.threads) args.push('--threads', String(this.options.threads));
    const onBatch = this.options.onBatch;
    if (onBatch) args.push('--report-batches');
    // Its own process group: Ctrl+C in a terminal reaches the bot, which stops the server itself, instead of
    // killing the server first (and logging that as a failure). It still exits when the bot's pipe closes.
    const child = spawn(this.options.python, args, { stdio: ['pipe', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let partial = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2_000);
      if (!onBatch) return;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const batch = BATCH_EVENT.exec(line.trim());
        if (batch) onBatch({ event: batch[1] as BatchEvent['event'], kind: batch[3] as BatchEvent['kind'], texts: Number(batch[2]) });
      }
    });
    const startedAt = Date.now();
    const early = new Promise<never>((_, reject) => {
      child.once('error', (error) => reject(new Error(`could not run ${this.options.python}: ${error.message}`)));
      child.once('exit', (code, signal) => reject(new Error(`the embedding server exited (${signal ?? code}) ${lastLine(stderr)}`.trim())));
    });
    early.catch(() => undefined);
    this.child = child;
    this.port = port;
    try {
      await Promise.race([waitForHealth(port), early]);
    } catch (error) {
      this.child = undefined;
      child.kill('SIGKILL');
      throw error;
    }
    if (this.stopped) {
      child.kill('SIGTERM');
      throw new Error('the embedder was stopped while it started');
    }
    child.once('exit', (code, signal) => this.onExit(child, code, signal, startedAt, stderr));
    // the server must not keep a command-line run alive; stop() or the parent's exit ends it
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null, startedAt: number, stderr: string): void {
    if (this.stopped || this.child !== child) return;
    this.child = undefined;
    if (Date.now() - startedAt > STABLE_AFTER_MS) this.failures = 0;
    this.options.log.warn(
      { exit: signal ?? code, detail: lastLine(stderr) || undefined },
      'embedding server stopped: answering with the lexical signals until it is back',
    );
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const delay = RESTART_DELAYS_MS[Math.min(this.failures, RESTART_DELAYS_MS.length - 1)]!;
    this.failures++;
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      this.start().then(
        () => this.options.log.info({ port: this.port }, 'embedding server restarted'),
        (error: unknown) => {
          this.options.log.warn({ err: String(error), retryInMs: delay }, 'embedding server did not restart');
          this.scheduleRestart();
        },
      );
    }, delay);
    this.restartTimer.unref();
  }
}

/** A port the OS reports free right now; a race with another process is caught by the health check. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(port: number): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) });
      const body = (await response.json()) as { status?: unknown };
      if (response.ok && body.status === 'ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
  throw new Error(`the embedding server did not answer /health within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}
