import { readFileSync } from 'node:fs';

/** One URL request as Chromium's network stack logged it (each hop of a redirect is one). */
export interface NetRequest {
  readonly url: string;
  readonly method: string;
  /** The origin that caused it, or `not an origin` for the browser's own (a typed navigation, a background service). */
  readonly initiator: string;
  /** The traffic annotation: which part of Chromium made the request. */
  readonly annotation: number;
  /** The request's net error code when it ended (0: none; -105: ERR_NAME_NOT_RESOLVED). */
  readonly netError: number;
}

/** The annotation of navigations (`navigation_url_loader`): a tab's own loads, typed or followed. */
export const NAVIGATION_ANNOTATION = 63171670;
export const ERR_NAME_NOT_RESOLVED = -105;

interface NetLogEvent {
  type: number;
  source: { id: number };
  params?: { url?: string; method?: string; initiator?: string; traffic_annotation?: number; net_error?: number };
}

/**
 * Every URL request in a NetLog file (`--log-net-log`, written when the browser closes):
 * the network stack's own record, so it holds what no page event shows (favicons, the
 * browser's background services) as well as every request of pages and workers.
 */
export function readNetLog(file: string): NetRequest[] {
  const log = JSON.parse(readFileSync(file, 'utf8')) as { constants: { logEventTypes: Record<string, number> }; events: NetLogEvent[] };
  const types = log.constants.logEventTypes;
  const alive = new Map<number, { annotation: number; netError: number }>();
  for (const e of log.events) {
    if (e.type !== types.REQUEST_ALIVE) continue;
    const entry = alive.get(e.source.id) ?? { annotation: 0, netError: 0 };
    if (e.params?.traffic_annotation !== undefined) entry.annotation = e.params.traffic_annotation;
    if (e.params?.net_error !== undefined) entry.netError = e.params.net_error;
    alive.set(e.source.id, entry);
  }
  return log.events
    .filter((e) => e.type === types.URL_REQUEST_START_JOB && e.params?.url !== undefined)
    .map((e) => ({
      url: e.params?.url ?? '',
      method: e.params?.method ?? '',
      initiator: e.params?.initiator ?? '',
      annotation: alive.get(e.source.id)?.annotation ?? 0,
      netError: alive.get(e.source.id)?.netError ?? 0,
    }));
}
