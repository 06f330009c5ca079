// SIGINT/SIGTERM: stop cleanly once, and give up after a few seconds rather than hang.
import { Worker } from 'node:worker_threads';
import { log } from './log.ts';

/** Longer than the bot's own bounded drain (4 s), so a normal stop always finishes first. */
const FORCED_EXIT_MS = 7_000;
/** If even the forced exit cannot run (the main thread stuck in a synchronous write), a watchdog thread kills the process. */
const WATCHDOG_MS = 9_000;

/**
 * A thread of its own that kills the process after `ms` unless it has exited by then. It runs even when
 * the main thread is blocked, which a timer there would not.
 */
export function startExitWatchdog(ms = WATCHDOG_MS): void {
  const watchdog = new Worker(
    `const { workerData } = require('node:worker_threads');
     setTimeout(() => process.kill(workerData.pid, 'SIGKILL'), workerData.ms);`,
    { eval: true, workerData: { pid: process.pid, ms } },
  );
  watchdog.unref();
}

/** Exits with `code` within a bounded time, whatever stop() does. */
export function exitAfter(what: string, stop: () => Promise<void>, code: number): void {
  startExitWatchdog();
  const forced = setTimeout(() => {
    log.warn(`${what} did not stop within ${FORCED_EXIT_MS} ms; exiting anyway`);
    process.exit(code === 0 ? 1 : code);
  }, FORCED_EXIT_MS).unref();
  stop().then(
    () => {
      clearTimeout(forced);
      process.exit(code);
    },
    (error: unknown) => {
      log.error({ err: error }, `${what} did not stop cleanly`);
      process.exit(1);
    },
  );
}

export function exitOnSignals(what: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `stopping ${what}`);
    exitAfter(what, stop, 0);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
