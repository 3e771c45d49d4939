import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { auditEventOf, type FileAuditEvent } from '../audit/index.js';
import type { Action, CannotInspectReason, ClassifyContext, Decision, FileFacts, SessionContext } from '../file-facts.js';
import { blockedDownload } from '../protect/index.js';
import type { ProtectedFile } from '../protector.js';
import type { BodyReader } from './body-reader.js';
import { fileUnderReview } from './classified-file.js';
import type { FileControlSettings } from './options.js';
import { runClassifier } from './run-classifier.js';

/** What the user gets. */
export type Delivery =
  | { readonly kind: 'original'; readonly body: Readable }
  | { readonly kind: 'blocked'; readonly name: string; readonly contentType: string; readonly contentDisposition: string; readonly body: Buffer; readonly message: string | undefined }
  | { readonly kind: 'protected'; readonly name: string; readonly contentType: string; readonly body: Readable };

/** A decision carried out. */
export interface FileOutcome {
  /** What was done (after any fallback). */
  readonly action: Action;
  readonly decision: Decision;
  readonly delivery: Delivery;
  readonly event: FileAuditEvent;
}

export interface FileUnderDecision {
  readonly facts: FileFacts;
  /** The file's body, held back until the decision. */
  readonly reader: BodyReader;
  readonly session: SessionContext;
  readonly context: Omit<ClassifyContext, 'signal' | 'session'>;
  /** Set when the content is known to be out of reach (an upload part past the buffer). */
  readonly unreadableAs?: CannotInspectReason;
}

/**
 * Classifies one file and carries out the decision: the bytes as they came (allow,
 * monitor), the blocked notice, or the protected file; and the audit event. Every path
 * that cannot do what was decided falls to a stricter or configured one, never to the
 * original bytes unless configured so.
 */
export async function decideFile(input: FileUnderDecision, settings: FileControlSettings): Promise<FileOutcome> {
  const { facts, reader, session } = input;
  const review = fileUnderReview(facts, reader, settings.limits, input.unreadableAs ?? null);
  const decision = await runClassifier(settings.classifier, review.file, { ...input.context, session }, settings.timeoutMs, settings.onClassifierError);
  const because = decision.reason ?? (decision.rule ? `rule "${decision.rule}"` : 'classifier');

  let action: Action = decision.action;
  let reason = because;
  let protector: string | null = null;
  let delivery: Delivery;
  if (action === 'protect') {
    const attempt = await protectFile(input, decision, settings);
    if (attempt.protected !== null) {
      protector = attempt.protector;
      delivery = { kind: 'protected', name: attempt.protected.name, contentType: attempt.protected.contentType, body: Readable.fromWeb(attempt.protected.body as NodeWebReadableStream<Uint8Array>) };
    } else {
      action = attempt.fallback;
      reason = `${because}; cannot protect (${attempt.why}); cannotProtect=${attempt.fallback}`;
      delivery = attempt.fallback === 'block' ? await blocked(input, decision) : { kind: 'original', body: Readable.from([attempt.kept as Buffer]) };
    }
  } else if (action === 'block') {
    delivery = await blocked(input, decision);
  } else {
    delivery = { kind: 'original', body: reader.replay() };
  }

  const event = auditEventOf(
    facts,
    session,
    {
      action,
      rule: decision.rule ?? null,
      reason,
      protector,
      // A refused upload delivers nothing (the user gets the 403 page, not a renamed file).
      deliveredName: delivery.kind === 'original' || facts.activity === 'upload' ? null : delivery.name,
      labels: review.labelsRead().map((l) => l.name ?? settings.labelNames.get(l.id) ?? l.id),
    },
    settings.now(),
  );
  writeAudit(settings, event);
  return { action, decision, delivery, event };
}

async function blocked(input: FileUnderDecision, decision: Decision): Promise<Delivery> {
  await input.reader.discard();
  const file = blockedDownload({ name: input.facts.name }, decision.message);
  return { kind: 'blocked', ...file, message: decision.message };
}

type ProtectAttempt =
  | { readonly protected: ProtectedFile; readonly protector: string }
  | { readonly protected: null; readonly fallback: Exclude<Action, 'protect'>; readonly why: string; readonly kept: Buffer | null };

async function protectFile(input: FileUnderDecision, decision: Decision, settings: FileControlSettings): Promise<ProtectAttempt> {
  const { facts, reader } = input;
  const name = decision.protect?.with ?? settings.defaultProtector;
  const protector = name === null || !Object.hasOwn(settings.protectors, name) ? undefined : settings.protectors[name];
  // A fallback that lets the file through needs the whole file kept, so the protector reads a copy.
  let kept: Buffer | null = null;
  if (settings.cannotProtect !== 'block') {
    const ended = await reader.readTo(settings.limits.governedBytes + 1);
    if (ended && reader.bytesRead <= settings.limits.governedBytes) kept = reader.bytes();
  }
  const fallback = (why: string): ProtectAttempt => ({ protected: null, fallback: kept === null ? 'block' : settings.cannotProtect, why, kept });
  if (facts.activity === 'upload') return fallback('protect applies to downloads');
  if (facts.partial) return fallback('a part of a file cannot be protected');
  if (protector === undefined || name === null) return fallback(name === null ? 'no protector configured' : `no protector named "${name}"`);
  const source = kept === null ? reader.replay() : Readable.from([kept]);
  try {
    const out = await protector.protect(facts, Readable.toWeb(source) as unknown as ReadableStream<Uint8Array>, decision.protect ?? { with: name });
    return { protected: out, protector: name };
  } catch (err) {
    source.destroy();
    return fallback(err instanceof Error ? err.message : String(err));
  }
}

function writeAudit(settings: FileControlSettings, event: FileAuditEvent): void {
  if (settings.audit === null) return;
  try {
    settings.audit(event);
  } catch {
    // The sink reports its own failures (its onError); a decision is never undone by logging.
  }
}
