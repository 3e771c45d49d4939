import https from 'node:https';
import net from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, fetchVia, listen, REWRITER, startHandler } from './support.js';
import { makeTestPki, type TestPki } from './tls-support.js';

// An https upstream reached at another address (resolve): the TLS server name and the
// certificate check are the upstream host's, and a handshake that never ends is a 504.

const HOST = 'app.acme-docs.com.proxy.test';
let pki: TestPki;
let upstream: https.Server;
let upstreamPort: number;
const serverNames: (string | false | null)[] = [];
const hosts: (string | undefined)[] = [];

beforeAll(async () => {
  pki = makeTestPki();
  upstream = https.createServer({ key: pki.upstreamKey, cert: pki.upstreamCert }, (req, res) => {
    hosts.push(req.headers.host);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<a href="https://api.acme-docs.com/v1">api</a>');
  });
  upstream.on('secureConnection', (socket) => serverNames.push(socket.servername));
  upstreamPort = await listen(upstream);
});
afterAll(() => close(upstream));

describe('an https upstream', () => {
  it('gets the upstream host as TLS server name and Host, and its certificate is checked against that name', async () => {
    const dispatcher = new Agent({ connect: { ca: pki.ca } });
    const proxy = await startHandler(upstreamPort, { rewriter: { ...REWRITER, upstreamScheme: 'https' }, dispatcher, runtime: false });
    try {
      const got = await fetchVia(proxy.port, HOST, '/');
      expect(got.status).toBe(200);
      expect(got.body.toString()).toBe('<a href="http://api.acme-docs.com.proxy.test/v1">api</a>');
      expect(serverNames).toEqual(['app.acme-docs.com']);
      expect(hosts).toEqual(['app.acme-docs.com']);
      // A host the certificate does not name is refused by the check: 502, nothing sent.
      const wrong = await startHandler(upstreamPort, { rewriter: { ...REWRITER, domains: ['acme-docs.net', '*.acme-docs.net'], upstreamScheme: 'https' }, resolve: { '*.acme-docs.net': `127.0.0.1:${upstreamPort}` }, dispatcher, runtime: false });
      try {
        expect((await fetchVia(wrong.port, 'app.acme-docs.net.proxy.test', '/')).status).toBe(502);
        expect(hosts).toEqual(['app.acme-docs.com']);
      } finally {
        await wrong.close();
      }
    } finally {
      await proxy.close();
      await dispatcher.close();
    }
  });

  it('a TLS handshake that never ends is a 504 at the connect timeout', async () => {
    const mute = net.createServer(() => undefined);
    const proxy = await startHandler(await listen(mute), { rewriter: { ...REWRITER, upstreamScheme: 'https' }, timeouts: { connect: 300 } });
    try {
      const started = Date.now();
      const got = await fetchVia(proxy.port, HOST, '/');
      expect(got.status).toBe(504);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await proxy.close();
      mute.close();
    }
  });
});
