import type { IncomingMessage, ServerResponse } from 'node:http';
import { activityAuditEvent, activityDecision, SESSION_ACTIVITIES, type ActivityOutcome, type AuditSink, type Policy, type SessionActivity, type SessionContext } from '../../files/index.js';
import type { Rewriter } from '../../rewriter.js';
import { sendPage } from './proxy-page.js';

/** An activity report is a few hundred bytes; anything past this is not one. */
export const ACTIVITY_BODY_LIMIT = 16 * 1024;

/** What an activity report is read against. */
export interface ActivityContext {
  readonly rw: Rewriter;
  /** The upstream host the report was POSTed to (the page's, same origin). */
  readonly pageHost: string;
  readonly session: SessionContext;
  readonly policy: Policy | undefined;
  readonly audit: AuditSink | undefined;
}

/** What the client runtime POSTs for one attempt at a session activity. */
interface ActivityReport {
  readonly activity: SessionActivity;
  readonly url: string | null;
}

/**
 * `POST /__spr/activity`: the client runtime reports an attempt at copy, cut, paste or
 * print that the policy blocks or monitors. The body (JSON `{activity, url, rule}`,
 * any content type: `sendBeacon` sends `text/plain`) becomes one audit event with this
 * request's session. What the event says was decided comes from the policy and the
 * session here, not from the page (the page's `rule` is only checked for shape). Answers
 * 204; 400 for a body that is not such a report, 413 past {@link ACTIVITY_BODY_LIMIT},
 * 405 for another method, 403 when the browser says another site sent it
 * (`Sec-Fetch-Site` other than `same-origin`).
 */
export async function answerActivity(req: IncomingMessage, res: ServerResponse, context: ActivityContext): Promise<void> {
  const { session, policy } = context;
  if (req.method !== 'POST') {
    req.resume();
    sendPage(res, { status: 405, title: 'Method not allowed', message: 'Activity reports are POSTed.' }, req.method, { allow: 'POST' });
    return;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    // Only the page's own runtime reports; another site cannot write the audit log.
    req.resume();
    sendPage(res, { status: 403, title: 'Forbidden', message: 'Activity reports come from the page itself.' }, req.method);
    return;
  }
  const body = await readLimited(req, ACTIVITY_BODY_LIMIT);
  if (body === null) {
    sendPage(res, { status: 413, title: 'Content too large', message: 'An activity report is a small JSON object.' }, req.method, { connection: 'close' });
    return;
  }
  const report = parseReport(body);
  if (report === null) {
    sendPage(res, { status: 400, title: 'Bad request', message: 'An activity report is JSON {"activity": "copy" | "cut" | "paste" | "print", "url": string, "rule": string | null}.' }, req.method);
    return;
  }
  const page = upstreamPage(context.rw, report.url);
  const outcome: ActivityOutcome = policy === undefined
    ? { action: 'allow', rule: null, reason: 'reported by the page; no policy decides session activities' }
    : activityDecision(policy, session, report.activity);
  context.audit?.(activityAuditEvent({ activity: report.activity, url: page?.url ?? null, appHost: page?.host ?? context.pageHost }, session, outcome));
  res.writeHead(204, { 'cache-control': 'no-store' }).end();
}

/**
 * The body, or null past `limit` bytes: the rest is left to go by (not destroyed, which
 * would close the connection before the 413 is sent).
 */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseReport(body: Buffer): ActivityReport | null {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { activity, url, rule } = value as Record<string, unknown>;
  if (typeof activity !== 'string' || !(SESSION_ACTIVITIES as readonly string[]).includes(activity)) return null;
  if (url !== undefined && url !== null && typeof url !== 'string') return null;
  if (rule !== undefined && rule !== null && typeof rule !== 'string') return null;
  return { activity: activity as SessionActivity, url: url ?? null };
}

/** The page's upstream URL and host, when the reported URL is a proxied one. */
function upstreamPage(rw: Rewriter, url: string | null): { url: string; host: string } | null {
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const host = rw.upstreamHost(parsed.host);
  return host === null ? null : { url: rw.upstreamUrl(url), host };
}
