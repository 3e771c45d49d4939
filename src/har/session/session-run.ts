import { createFileControl, type FileControl, type FileControlOptions, type SessionContext } from '../../files/index.js';
import { createPipeline, type Pipeline, type PipelineOptions } from '../../pipeline/index.js';
import { createRewriter, type Rewriter, type RewriterOptions } from '../../rewriter.js';
import type { HarEntry } from '../har-types.js';
import { RedirectChains } from './redirect-chains.js';
import { SessionStats } from './session-stats.js';

/** Everything one run of a capture through the proxy shares: see {@link createSessionRun}. */
export interface SessionRun {
  /** The rewriter; its events feed {@link stats}. */
  readonly rw: Rewriter;
  /** The pipeline on that rewriter: response heads planned and bodies rewritten as the proxy does. */
  readonly pipe: Pipeline;
  /** File control for downloads and uploads; null: files pass as the pipeline passes them. */
  readonly files: FileControl | null;
  /** The session file control classifies in (user, device, ip, location); fixed for the run. */
  readonly session: SessionContext;
  /** Where new bodies too long to hold are written (the run removes it at the end). */
  readonly tempDir: string;
  readonly stats: SessionStats;
  readonly redirects: RedirectChains;
  /** Counts the escapes left in one output entry (the audit's finder); absent: not counted. */
  readonly escapesLeft?: (entry: HarEntry) => number;
}

/** What {@link createSessionRun} takes. */
export interface SessionRunOptions {
  /** The proxy's host mapping (suffix, domains, scheme, public scheme and port); `onEvent` is called too. */
  readonly rewriter: RewriterOptions;
  readonly pipeline?: Omit<PipelineOptions, 'gate'>;
  /** File control (a policy or a classifier, protectors, audit); absent: no file control. */
  readonly files?: Omit<FileControlOptions, 'session'>;
  /** The session of every request (default: none known; the entry's User-Agent fills `userAgent`). */
  readonly session?: SessionContext;
  readonly tempDir: string;
  readonly escapesLeft?: (entry: HarEntry) => number;
}

/**
 * A run: the rewriter (its events counted), the pipeline, file control with a fixed
 * session, the temp dir and the stats. Throws `ConfigError` for a rewriter configuration
 * the proxy would refuse, and `TypeError` for file-control options it would refuse.
 */
export function createSessionRun(options: SessionRunOptions): SessionRun {
  const stats = new SessionStats();
  const listener = options.rewriter.onEvent;
  const rw = createRewriter({
    ...options.rewriter,
    onEvent: (event) => {
      stats.onEvent(event);
      listener?.(event);
    },
  });
  return {
    rw,
    pipe: createPipeline(rw, options.pipeline),
    files: options.files === undefined ? null : createFileControl(options.files),
    session: options.session ?? {},
    tempDir: options.tempDir,
    stats,
    redirects: new RedirectChains(),
    ...(options.escapesLeft === undefined ? {} : { escapesLeft: options.escapesLeft }),
  };
}
