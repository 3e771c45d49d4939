/**
 * Resolves at the first of `signals` (a service manager's SIGTERM, Ctrl-C's SIGINT): the
 * caller then stops gracefully. A second one while it does means "now": exit at once
 * (130, as a shell reports an interrupted command).
 */
export function onStopSignal(signals: readonly NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const first = (signal: NodeJS.Signals) => {
      for (const s of signals) {
        process.off(s, first);
        process.once(s, () => process.exit(130));
      }
      resolve(signal);
    };
    for (const s of signals) process.on(s, first);
  });
}
