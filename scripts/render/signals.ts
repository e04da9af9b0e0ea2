/**
 * SIGINT, SIGTERM and SIGHUP while the browser renders: stop the browser,
 * then fail with one line (exit 130, 143 or 129) instead of a protocol error
 * from the pages it took with it. Nothing is written: outputs are only
 * committed after rendering (see lib/atomic.ts).
 */
import { constants } from 'node:os';
import { UserError } from '../lib/problems.ts';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export class InterruptedError extends UserError {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}; the browser was stopped and nothing was written`, 128 + (constants.signals[signal] ?? 15));
    this.name = 'InterruptedError';
  }
}

/**
 * Run `work`; on a signal, call `stop` (once) and make `work`'s outcome an InterruptedError.
 * `work` gets `checkpoint()`, which throws once a signal came (e.g. right after starting the browser).
 */
export async function stoppingOnSignals<T>(stop: () => Promise<void>, work: (checkpoint: () => void) => Promise<T>): Promise<T> {
  let caught: NodeJS.Signals | undefined;
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (caught) return;
    caught = signal;
    stopping = stop().catch(() => undefined);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    const result = await work(() => {
      if (caught) throw new InterruptedError(caught);
    });
    if (caught) throw new InterruptedError(caught);
    return result;
  } catch (err) {
    if (caught) {
      await stopping;
      throw new InterruptedError(caught);
    }
    throw err;
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
  }
}
