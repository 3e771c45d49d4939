import type { Key } from 'openpgp';
import { OpenPgpKeyError } from './openpgp-key-error.js';

/**
 * Reads the recipients' armored public keys once, and checks each can be encrypted to
 * now: it parses, it is public (a private key in a proxy's configuration is a leak
 * waiting to happen, so it is refused rather than quietly reduced to its public part),
 * and it has a valid encryption key (not a signing-only key, not expired, not revoked).
 */
export async function readEncryptionKeys(armoredKeys: readonly string[]): Promise<Key[]> {
  const { readKey } = await import('openpgp');
  if (armoredKeys.length === 0) throw new OpenPgpKeyError(-1, 'openpgp protector: no encryption key given (encryptionKeys is empty)');
  const keys: Key[] = [];
  for (const [index, armoredKey] of armoredKeys.entries()) {
    const what = `openpgp protector: encryption key ${index + 1} of ${armoredKeys.length}`;
    let key: Key;
    try {
      key = await readKey({ armoredKey });
    } catch (error) {
      throw new OpenPgpKeyError(index, `${what} is not an armored OpenPGP public key: ${messageOf(error)}`, { cause: error });
    }
    if (key.isPrivate()) throw new OpenPgpKeyError(index, `${what} (${fingerprint(key)}) is a private key; give its public key`);
    try {
      await key.getEncryptionKey();
    } catch (error) {
      throw new OpenPgpKeyError(index, `${what} (${fingerprint(key)}) cannot be encrypted to: ${messageOf(error)}`, { cause: error });
    }
    keys.push(key);
  }
  return keys;
}

function fingerprint(key: Key): string {
  return key.getFingerprint().toUpperCase();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
