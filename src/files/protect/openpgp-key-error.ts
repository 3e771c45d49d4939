// Apart from openpgp-keys.ts so the public type declarations never import openpgp's own
// (whose web-stream-tools types a consumer does not install).
/** A recipient key the OpenPGP protector cannot use; thrown by {@link openpgpProtector} when it is created. */
export class OpenPgpKeyError extends Error {
  override readonly name = 'OpenPgpKeyError';
  constructor(
    /** The key's position in `encryptionKeys`, from 0 (-1 when the list itself is wrong). */
    readonly index: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
