import type { Action, ClassifiedFile, Classifier, ClassifyContext, Decision } from '../file-facts.js';

const ACTIONS: ReadonlySet<string> = new Set(['allow', 'monitor', 'block', 'protect']);

/**
 * Runs the classifier hook within its time. A hook that throws, times out or answers
 * something that is not a decision gets `onError` (block unless configured otherwise):
 * file control fails closed.
 */
export async function runClassifier(
  classifier: Classifier, file: ClassifiedFile, context: Omit<ClassifyContext, 'signal'>, timeoutMs: number, onError: Action,
): Promise<Decision> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`classifier timed out after ${timeoutMs} ms`);
      abort.abort(err);
      reject(err);
    }, timeoutMs);
  });
  try {
    const decision = await Promise.race([Promise.resolve().then(() => classifier(file, { ...context, signal: abort.signal })), timeout]);
    if (decision === null || typeof decision !== 'object' || !ACTIONS.has((decision as Decision).action)) {
      throw new Error(`classifier answered ${JSON.stringify(decision)}, not a decision`);
    }
    return decision;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { action: onError, rule: null, reason: `classifier failed (${why}); onClassifierError=${onError}` };
  } finally {
    clearTimeout(timer);
  }
}
