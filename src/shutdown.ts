// SIGINT/SIGTERM: stop cleanly once, and give up after a few seconds rather than hang.
import { log } from './log.ts';

const FORCED_EXIT_MS = 5_000;

export function exitOnSignals(what: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `stopping ${what}`);
    const forced = setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
    stop().then(
      () => {
        clearTimeout(forced);
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, `${what} did not stop cleanly`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
