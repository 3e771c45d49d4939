import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp-dirs.js';

/** PEM texts of a test PKI made with openssl: a CA, the proxy's and an upstream's server certificates, two client certificates. */
export interface TestPki {
  readonly ca: string;
  readonly serverKey: string;
  readonly serverCert: string;
  /** An upstream's certificate for `*.acme-docs.com` (the test CA issues it too). */
  readonly upstreamKey: string;
  readonly upstreamCert: string;
  /** Issued by the device CA: a managed device. */
  readonly deviceKey: string;
  readonly deviceCert: string;
  /** Self-signed: a device the CA does not vouch for. */
  readonly strangerKey: string;
  readonly strangerCert: string;
}

const P256 = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Makes the PKI in a temp dir (EC P-256 keys: a few milliseconds each; 100 years of validity). */
export function makeTestPki(): TestPki {
  const dir = tempDir('spr-tls-');
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  openssl('req', '-x509', ...P256, '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '36500', '-subj', '/CN=Test Device CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const issue = (name: string, subject: string, extensions: string) => {
    writeFileSync(at(`${name}.ext`), extensions);
    openssl('req', ...P256, '-keyout', at(`${name}.key`), '-out', at(`${name}.csr`), '-subj', subject);
    openssl('x509', '-req', '-in', at(`${name}.csr`), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at(`${name}.pem`), '-days', '36500', '-extfile', at(`${name}.ext`));
  };
  issue('server', '/CN=*.acme-docs.com.proxy.test', 'subjectAltName=DNS:*.acme-docs.com.proxy.test\nextendedKeyUsage=serverAuth\n');
  issue('upstream', '/CN=*.acme-docs.com', 'subjectAltName=DNS:*.acme-docs.com\nextendedKeyUsage=serverAuth\n');
  issue('device', '/CN=laptop-0042', 'extendedKeyUsage=clientAuth\n');
  openssl('req', '-x509', ...P256, '-keyout', at('stranger.key'), '-out', at('stranger.pem'), '-days', '36500', '-subj', '/CN=laptop-0042');
  const read = (name: string) => readFileSync(at(name), 'utf8');
  return {
    ca: read('ca.pem'),
    serverKey: read('server.key'),
    serverCert: read('server.pem'),
    upstreamKey: read('upstream.key'),
    upstreamCert: read('upstream.pem'),
    deviceKey: read('device.key'),
    deviceCert: read('device.pem'),
    strangerKey: read('stranger.key'),
    strangerCert: read('stranger.pem'),
  };
}
