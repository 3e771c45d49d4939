import type { Key } from 'openpgp';
import type { FileFacts } from '../file-facts.js';
import { CannotProtectError, type ProtectedFile, type Protector } from '../protector.js';
import { literalFileName } from './literal-filename.js';
import { readEncryptionKeys } from './openpgp-keys.js';

export interface OpenPgpProtectorOptions {
  /** The recipients' armored public keys: any one of their private keys opens the file. */
  readonly encryptionKeys: readonly string[];
  /** ASCII armor (`<name>.asc`) instead of the binary OpenPGP message (`<name>.pgp`). Default false. */
  readonly armor?: boolean;
}

/**
 * The media type of an OpenPGP message as a file, binary or armored: registered by
 * RFC 3156, the type Apache's and Debian's mime.types give `.pgp` and shared-mime-info
 * gives `.pgp`/`.gpg`/`.asc` and `-----BEGIN PGP MESSAGE-----`; no browser renders it.
 */
export const OPENPGP_CONTENT_TYPE = 'application/pgp-encrypted';

/**
 * A protector that encrypts the file to the recipients' public keys (OpenPGP, RFC 9580,
 * through openpgp.js v6): only a holder of one of the private keys can open it. The file
 * streams through: openpgp reads the body as the encrypted output is read (about half a
 * MiB ahead), so memory stays bounded whatever the size.
 *
 * Async because the keys are read and checked once, here: a bad key is a configuration
 * error, reported when the proxy starts ({@link OpenPgpKeyError}), not a block on every
 * protected download. `protect` throws {@link CannotProtectError} for a partial (206)
 * file and when encryption cannot start (a key expired or revoked since): the body is
 * then left unread, for the cannot-protect action. An error of the body later (upstream
 * reset) errors the encrypted stream; cancelling the encrypted stream cancels the body.
 */
export async function openpgpProtector(options: OpenPgpProtectorOptions): Promise<Protector> {
  const keys = await readEncryptionKeys(options.encryptionKeys);
  const armor = options.armor ?? false;
  // Loaded with the first protector, not with the package: openpgp is the heaviest module
  // here (about 5.5 MB of heap), and most proxies never encrypt.
  const openpgp = await import('openpgp');
  return {
    protect: (file, body) => encryptFile(openpgp, file, body, keys, armor),
  };
}

async function encryptFile(openpgp: typeof import('openpgp'), file: FileFacts, body: ReadableStream<Uint8Array>, keys: Key[], armor: boolean): Promise<ProtectedFile> {
  const { createMessage, encrypt } = openpgp;
  // Each part of a file would be a message of its own, which no client can join back into the file.
  if (file.partial) throw new CannotProtectError('openpgp: a partial (206) response cannot be encrypted; only a whole file can');
  let encrypted: ReadableStream<Uint8Array>;
  try {
    const message = await createMessage({ binary: body, filename: literalFileName(file.name) });
    encrypted = armor
      ? (await encrypt({ message, encryptionKeys: keys, format: 'armored' })).pipeThrough(utf8Bytes())
      : await encrypt({ message, encryptionKeys: keys, format: 'binary' });
  } catch (error) {
    // A key that expired or was revoked since the protector was made, for instance.
    throw new CannotProtectError(`openpgp: cannot encrypt ${JSON.stringify(file.name)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { name: `${file.name}${armor ? '.asc' : '.pgp'}`, contentType: OPENPGP_CONTENT_TYPE, body: encrypted };
}

/** Armored text to bytes; Buffer.from is several times faster than Node 20's TextEncoderStream here (bench/protect.bench.ts). */
function utf8Bytes(): TransformStream<string, Uint8Array> {
  return new TransformStream({
    transform: (text, controller) => {
      if (text !== '') controller.enqueue(Buffer.from(text, 'utf8'));
    },
  });
}
