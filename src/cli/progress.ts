import cliProgress from 'cli-progress';
import { formatBytes } from '../har/index.js';

/** A progress display of bytes read, with a count of items done. */
export interface Progress {
  update(bytesRead: number, items: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr when stderr is a terminal (cli-progress), nothing otherwise: a
 * log file or a pipe gets no bar, only the summary. `total` is the input's size in bytes
 * (null when unknown, as for stdin: then no bar either).
 */
export function progressBar(total: number | null, label: string, itemName: string): Progress {
  if (!process.stderr.isTTY || total === null || total <= 0) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {read} of {size} | {items} ${itemName} | {duration_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { read: formatBytes(0), size: formatBytes(total), items: 0 });
  return {
    update: (bytesRead, items) => bar.update(Math.min(bytesRead, total), { read: formatBytes(bytesRead), size: formatBytes(total), items }),
    stop: () => bar.stop(),
  };
}
