import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassifyContext, Decision } from '../../../src/files/index.js';
import { createProxyHandler, type ProxyOptions } from '../../../src/proxy/index.js';
import { DOCX, fixture, recordingClassifier } from '../../files/control/support.js';
import { close, fetchVia, REWRITER, resolveTo, startHandler, startUpstream, type Route } from './support.js';
import { makeTestPki, type TestPki } from './tls-support.js';

// The session of each request, as file control sees it: what the request shows, what the
// implementer gives, and the device a verified client certificate proves.

const HOST = 'files.acme-docs.com.proxy.test';
const docx = fixture('report.docx');
const routes: Record<string, Route> = {
  '* /report.docx': (_q, res) => res.writeHead(200, { 'content-type': DOCX, 'content-disposition': 'attachment; filename="report.docx"' }).end(docx),
};
const allow = (): Decision => ({ action: 'allow' });

let upstream: Awaited<ReturnType<typeof startUpstream>>;
beforeAll(async () => {
  upstream = await startUpstream(routes);
});
afterAll(() => close(upstream.server));

describe('the session per request', () => {
  it('a function of the request, over the IP and User-Agent the request shows', async () => {
    const classify = recordingClassifier(allow);
    const proxy = await startHandler(upstream.port, {
      session: async (req) => ({ user: String(req.headers['x-user']), groups: ['finance'], location: ['home'] }),
      files: { classifier: classify },
    });
    try {
      await fetchVia(proxy.port, HOST, '/report.docx', { headers: { 'x-user': 'ada@acme-docs.com', 'user-agent': 'TestBrowser/1.0' } });
      await fetchVia(proxy.port, HOST, '/report.docx', { headers: { 'x-user': 'bob@acme-docs.com' } });
      expect(classify.calls.map((c) => c.ctx.session)).toEqual([
        { ip: '127.0.0.1', userAgent: 'TestBrowser/1.0', user: 'ada@acme-docs.com', groups: ['finance'], location: ['home'] },
        { ip: '127.0.0.1', user: 'bob@acme-docs.com', groups: ['finance'], location: ['home'] },
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('a fixed context, which wins over what the request shows', async () => {
    const classify = recordingClassifier(allow);
    const proxy = await startHandler(upstream.port, { session: { device: 'unmanaged', ip: '203.0.113.7' }, files: { classifier: classify } });
    try {
      await fetchVia(proxy.port, HOST, '/report.docx', { headers: { 'user-agent': 'TestBrowser/1.0' } });
      expect(classify.calls[0].ctx.session).toEqual({ ip: '203.0.113.7', userAgent: 'TestBrowser/1.0', device: 'unmanaged' });
    } finally {
      await proxy.close();
    }
  });

  it('a session function that fails means a 500 and nothing fetched', async () => {
    const before = upstream.seen.length;
    const proxy = await startHandler(upstream.port, { session: () => Promise.reject(new Error('directory down')) });
    try {
      const got = await fetchVia(proxy.port, HOST, '/report.docx');
      expect(got.status).toBe(500);
      expect(got.body.toString()).not.toContain('directory down');
      expect(upstream.seen.length).toBe(before);
    } finally {
      await proxy.close();
    }
  });
});

describe('device certificates', () => {
  let pki: TestPki;
  let port: number;
  let server: https.Server;
  let calls: { ctx: ClassifyContext }[];

  beforeAll(async () => {
    pki = makeTestPki();
    const classify = recordingClassifier(allow);
    calls = classify.calls;
    const options: ProxyOptions = {
      rewriter: { ...REWRITER, publicScheme: 'https' },
      resolve: resolveTo(upstream.port),
      // The implementer's claim is not proof: the certificate decides.
      session: { device: 'managed', user: 'ada' },
      deviceCertificates: true,
      files: { classifier: classify },
    };
    const handler = createProxyHandler(options);
    server = https.createServer({ key: pki.serverKey, cert: pki.serverCert, ca: pki.ca, requestCert: true, rejectUnauthorized: false }, handler);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    server.on('close', () => void handler.close());
  });
  afterAll(() => close(server));

  const download = async (client: { key?: string; cert?: string }) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/report.docx', servername: HOST, headers: { host: HOST }, ca: pki.ca, agent: false, ...client });
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
    res.resume();
    await once(res, 'end');
    return res.statusCode;
  };

  it('a certificate the device CA issued: managed', async () => {
    expect(await download({ key: pki.deviceKey, cert: pki.deviceCert })).toBe(200);
    expect(calls.at(-1)?.ctx.session).toMatchObject({ device: 'managed', user: 'ada', ip: '127.0.0.1' });
  });

  it('no certificate: unmanaged, whatever the implementer said', async () => {
    expect(await download({})).toBe(200);
    expect(calls.at(-1)?.ctx.session).toMatchObject({ device: 'unmanaged', user: 'ada' });
  });

  it('a certificate the device CA did not issue: unmanaged', async () => {
    expect(await download({ key: pki.strangerKey, cert: pki.strangerCert })).toBe(200);
    expect(calls.at(-1)?.ctx.session).toMatchObject({ device: 'unmanaged' });
  });

  it('over plain http: unmanaged', async () => {
    const classify = recordingClassifier(allow);
    const proxy = await startHandler(upstream.port, { deviceCertificates: true, session: { device: 'managed' }, files: { classifier: classify } });
    try {
      await fetchVia(proxy.port, HOST, '/report.docx');
      expect(classify.calls[0].ctx.session.device).toBe('unmanaged');
    } finally {
      await proxy.close();
    }
  });
});
