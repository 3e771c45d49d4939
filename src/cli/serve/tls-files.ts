import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { UsageError } from '../config.js';

/** The PEM files of `--cert`, `--key` and `--device-ca`, read and checked. */
export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** The CAs that sign managed devices' client certificates (`--device-ca`). */
  readonly deviceCa: Buffer | null;
}

/**
 * Reads the TLS files the command line names and tries them together once, so that a
 * missing file, a PEM that is no certificate or key, or a key that does not match its
 * certificate stops the command before it listens (exit 2), not at the first handshake.
 */
export function readTlsFiles(paths: { cert?: string; key?: string; deviceCa?: string }): TlsFiles | null {
  if (paths.cert === undefined && paths.key === undefined) {
    if (paths.deviceCa !== undefined) throw new UsageError('--device-ca needs TLS: give --cert and --key too (client certificates are asked for in the TLS handshake)');
    return null;
  }
  if (paths.cert === undefined || paths.key === undefined) throw new UsageError('--cert and --key go together');
  const files: TlsFiles = {
    cert: readPem(paths.cert, '--cert'),
    key: readPem(paths.key, '--key'),
    deviceCa: paths.deviceCa === undefined ? null : readPem(paths.deviceCa, '--device-ca'),
  };
  try {
    createSecureContext({ cert: files.cert, key: files.key, ...(files.deviceCa ? { ca: files.deviceCa } : {}) });
  } catch (err) {
    throw new UsageError(`--cert ${paths.cert} / --key ${paths.key}${paths.deviceCa ? ` / --device-ca ${paths.deviceCa}` : ''}: ${(err as Error).message}`);
  }
  return files;
}

function readPem(path: string, option: string): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (err) {
    throw new UsageError(`cannot read ${option} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!pem.includes('-----BEGIN ')) throw new UsageError(`${option} ${path} is not a PEM file (no -----BEGIN line)`);
  return pem;
}
