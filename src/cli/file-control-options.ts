import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { labelProtector, openpgpProtector, parsePolicyText, type FileControlOptions, type Policy, type Protector, type SessionContext } from '../files/index.js';
import { UsageError } from './config.js';

/** What `--context` may hold: the session file control classifies in. */
const CONTEXT_KEYS = ['user', 'groups', 'device', 'ip', 'location', 'userAgent'];

/**
 * `--context JSON`, the session (`spr file`, `spr har`): a JSON object of the
 * {@link SessionContext} keys; a single group or location may be a string. Unknown keys,
 * wrong types and an `ip` that is no address are usage errors: a typo would otherwise
 * test another session than the admin meant, in silence.
 */
export function parseSessionContext(text: string | undefined): SessionContext {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--context is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('--context must be a JSON object');
  const unknown = Object.keys(value).filter((k) => !CONTEXT_KEYS.includes(k));
  if (unknown.length > 0) throw new UsageError(`--context: unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}; known keys: ${CONTEXT_KEYS.join(', ')}`);
  const ctx = value as Record<string, unknown>;
  for (const key of ['user', 'device', 'ip', 'userAgent']) {
    if (ctx[key] !== undefined && typeof ctx[key] !== 'string') throw new UsageError(`--context: ${key} must be a string`);
  }
  for (const key of ['groups', 'location']) {
    const v = ctx[key];
    if (typeof v === 'string') ctx[key] = [v];
    else if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) throw new UsageError(`--context: ${key} must be a string or a list of strings`);
  }
  if (typeof ctx.ip === 'string' && isIP(ctx.ip) === 0) throw new UsageError(`--context: ip ${JSON.stringify(ctx.ip)} is not an IP address`);
  return ctx as SessionContext;
}

/**
 * The protectors a command offers a policy: `label` (the policy's labels) always, and
 * `openpgp` when recipients' public keys are given (`--recipient-key`). The default is
 * the policy's `protect.with`, else openpgp when keys are given, else label; a default
 * the command does not have is a usage error.
 */
export async function policyProtectors(policy: Policy, recipientKeys: readonly string[] | undefined, command: string): Promise<{ protectors: Record<string, Protector>; defaultProtector: string }> {
  const protectors: Record<string, Protector> = { label: labelProtector({ labels: policy.labels }) };
  if (recipientKeys !== undefined) {
    protectors.openpgp = await openpgpProtector({ encryptionKeys: await Promise.all(recipientKeys.map((path) => readFile(path, 'utf8'))) });
  }
  const defaultProtector = policy.defaultProtect?.with ?? (recipientKeys ? 'openpgp' : 'label');
  if (!Object.hasOwn(protectors, defaultProtector)) {
    throw new UsageError(defaultProtector === 'openpgp' ? "the policy protects with openpgp: give the recipients' public keys with --recipient-key" : `the policy protects with "${defaultProtector}", which ${command} does not have (label, openpgp)`);
  }
  return { protectors, defaultProtector };
}

/** `--policy FILE` with its protectors (`--recipient-key`): the file control a command runs (`spr har`, `spr serve`). */
export async function policyFileControl(policyPath: string, recipientKeys: readonly string[] | undefined, command: string): Promise<Pick<FileControlOptions, 'policy' | 'protectors' | 'defaultProtector'>> {
  const policy = parsePolicyText(await readFile(policyPath, 'utf8'), policyPath);
  return { policy, ...(await policyProtectors(policy, recipientKeys, command)) };
}
