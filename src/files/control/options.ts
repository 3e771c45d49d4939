import type { IncomingMessage } from 'node:http';
import type { FileAuditEvent } from '../audit/index.js';
import { DEFAULT_FILE_LIMITS, type Action, type Classifier, type FileLimits, type SessionContext } from '../file-facts.js';
import type { Policy } from '../policy/index.js';
import type { Protector } from '../protector.js';
import { policyClassifier } from '../policy/index.js';

/** A sink of file decisions; an AuditSink (every kind of event) is one. */
export type FileAuditSink = (event: FileAuditEvent) => void;

/** Options of {@link createFileControl}. */
export interface FileControlOptions {
  /** The classifier hook, or a loaded policy (the built-in classifier). One of the two. */
  readonly classifier?: Classifier;
  readonly policy?: Policy;
  /**
   * The session of a request: user, groups, device, IP, location tags. Default: the
   * socket's address as `ip` and the `User-Agent`; an implementer passes what its identity
   * provider and device management know.
   */
  readonly session?: (req: IncomingMessage) => SessionContext | Promise<SessionContext>;
  /** Protectors by name (`protect.with`); `openpgpProtector` and `labelProtector` are shipped. */
  readonly protectors?: Readonly<Record<string, Protector>>;
  /** The protector of `protect` decisions that name none. Default: the only one registered. */
  readonly defaultProtector?: string;
  /** Where every decision is written (e.g. `jsonLinesAudit('audit.jsonl')`: any AuditSink fits; the file control writes file decisions only). */
  readonly audit?: FileAuditSink;
  /** Governed and inspected sizes; the policy's `limits` fill what is not given here. */
  readonly limits?: Partial<FileLimits>;
  /** The classifier's time per file. Default 5000 ms. */
  readonly timeoutMs?: number;
  /** What a classifier that throws or times out means. Default `block` (fail closed). */
  readonly onClassifierError?: Action;
  /** What a file the chosen protector cannot protect gets. Default `block` (or the policy's). */
  readonly cannotProtect?: Exclude<Action, 'protect'>;
  /** The clock of audit events (tests). */
  readonly now?: () => Date;
}

/** The options with every default filled in. */
export interface FileControlSettings {
  readonly classifier: Classifier;
  readonly session: (req: IncomingMessage) => SessionContext | Promise<SessionContext>;
  readonly protectors: Readonly<Record<string, Protector>>;
  readonly defaultProtector: string | null;
  readonly audit: FileAuditSink | null;
  readonly limits: FileLimits;
  readonly timeoutMs: number;
  readonly onClassifierError: Action;
  readonly cannotProtect: Exclude<Action, 'protect'>;
  readonly now: () => Date;
  /** Label names by GUID, from the policy's `labels` map: files written by Office carry only GUIDs, the audit log names them as the policy does. */
  readonly labelNames: ReadonlyMap<string, string>;
}

export function fileControlSettings(options: FileControlOptions): FileControlSettings {
  const { policy } = options;
  if ((options.classifier === undefined) === (policy === undefined)) {
    throw new TypeError('createFileControl: give exactly one of `classifier` and `policy`');
  }
  const protectors = options.protectors ?? {};
  const names = Object.keys(protectors);
  const defaultProtector = options.defaultProtector ?? policy?.defaultProtect?.with ?? (names.length === 1 ? names[0] : null);
  if (defaultProtector !== null && !Object.hasOwn(protectors, defaultProtector)) {
    throw new TypeError(`createFileControl: no protector named "${defaultProtector}" (have: ${names.join(', ') || 'none'})`);
  }
  return {
    classifier: options.classifier ?? policyClassifier(policy as Policy),
    session: options.session ?? defaultSession,
    protectors,
    defaultProtector,
    audit: options.audit ?? null,
    limits: { ...DEFAULT_FILE_LIMITS, ...policy?.limits, ...options.limits },
    timeoutMs: options.timeoutMs ?? 5000,
    onClassifierError: options.onClassifierError ?? 'block',
    cannotProtect: options.cannotProtect ?? policy?.cannotProtect ?? 'block',
    now: options.now ?? (() => new Date()),
    labelNames: new Map((policy?.labels ?? []).map((l) => [l.id, l.name])),
  };
}

function defaultSession(req: IncomingMessage): SessionContext {
  const ua = req.headers['user-agent'];
  return { ip: req.socket.remoteAddress, ...(ua === undefined ? {} : { userAgent: ua }) };
}
