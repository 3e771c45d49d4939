import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Certificates made with `openssl` at test time (P-256 keys, a day long): a self-signed
 * server certificate, and device CAs with client certificates signed by them, as a device
 * management system issues them.
 */

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'];

export interface PemPair {
  readonly cert: string;
  readonly key: string;
  /** The PEM texts. */
  readonly certPem: Buffer;
  readonly keyPem: Buffer;
}

const pair = (dir: string, name: string): PemPair => {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  return { cert, key, certPem: readFileSync(cert), keyPem: readFileSync(key) };
};

/** A self-signed server certificate for these DNS names. */
export function selfSignedServer(dir: string, name: string, dnsNames: readonly string[]): PemPair {
  openssl(['req', '-x509', ...EC, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-subj', `/CN=${dnsNames[0]}`, '-addext', `subjectAltName=${dnsNames.map((d) => `DNS:${d}`).join(',')}`], dir);
  return pair(dir, name);
}

/** A CA that signs client certificates. */
export function certificateAuthority(dir: string, name: string): PemPair {
  openssl(['req', '-x509', ...EC, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  return pair(dir, name);
}

/** A client certificate (TLS client authentication) signed by `ca`. */
export function clientCertificate(dir: string, name: string, ca: PemPair): PemPair {
  openssl(['req', '-new', ...EC.filter((a) => a !== '-days' && a !== '1'), '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`], dir);
  writeFileSync(join(dir, `${name}.ext`), 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n');
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '1', '-out', `${name}.pem`, '-extfile', `${name}.ext`], dir);
  return pair(dir, name);
}
