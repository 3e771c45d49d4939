// The ends of bench/files.bench.ts's transfers, in the bench's own process: a real
// node:http upstream on 127.0.0.1 that streams generated files and hashes uploads, the
// proxy child (files-proxy-child.ts) driven over IPC, and a client that counts and hashes
// what it reads (and can keep it in a file for a check after the clock stops: an OpenPGP
// message is decrypted from there).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { decrypt, readMessage, readPrivateKey } from 'openpgp';
import { pdfLikeFile, type MultipartUpload } from './files-bodies.js';
import type { ProxyCommand, ProxyReply, ProxySetup } from './files-proxy-child.js';

/**
 * The upstream. `GET /dl/<name>?size=N&length=0|1&attachment=0|1&type=T`: a PDF-like file
 * of N bytes, with or without Content-Length (chunked) and `Content-Disposition: attachment`.
 * `POST /up`: reads the body and answers its byte count and SHA-256 as JSON.
 */
export async function startUpstream(): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream');
    if (req.method === 'POST' && url.pathname === '/up') {
      const hash = createHash('sha256');
      let bytes = 0;
      req.on('data', (c: Buffer) => {
        bytes += c.length;
        hash.update(c);
      });
      req.on('end', () => {
        const body = JSON.stringify({ bytes, sha256: hash.digest('hex') });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) }).end(body);
      });
      req.on('error', () => undefined);
      return;
    }
    const size = Number(url.searchParams.get('size'));
    const name = url.pathname.split('/').pop() ?? 'file';
    const headers: Record<string, string> = { 'content-type': url.searchParams.get('type') ?? 'application/pdf' };
    if (url.searchParams.get('length') === '1') headers['content-length'] = String(size);
    if (url.searchParams.get('attachment') === '1') headers['content-disposition'] = `attachment; filename="${name}"`;
    res.writeHead(200, headers);
    // A proxy that stops reading (a blocked file) destroys the response: the generator stops too.
    pipeline(Readable.from(pdfLikeFile(size)), res).catch(() => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

/** The proxy in a child process (`--expose-gc`, tsx), one request and its answer at a time over IPC. */
export class ProxyChild {
  private readonly child: ChildProcess;
  private readonly exited: Promise<unknown>;

  private constructor() {
    const script = fileURLToPath(new URL('./files-proxy-child.ts', import.meta.url));
    this.child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.exited = once(this.child, 'exit');
  }

  static async start(setup: ProxySetup, upstreamPort: number, publicKey: string): Promise<{ proxy: ProxyChild; port: number }> {
    const proxy = new ProxyChild();
    const started = await proxy.ask({ type: 'start', setup, upstreamPort, publicKey });
    if (started.type !== 'started') throw new Error(`proxy child answered ${started.type}`);
    return { proxy, port: started.port };
  }

  /** Sends a command; resolves with the reply (rejects if the child dies first). */
  ask(command: ProxyCommand): Promise<ProxyReply> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`proxy child exited (${code}) before answering ${command.type}`));
      this.child.once('exit', onExit);
      this.child.once('message', (reply: ProxyReply) => {
        this.child.off('exit', onExit);
        resolve(reply);
      });
      this.child.send(command);
    });
  }

  async stop(): Promise<void> {
    if (this.child.connected) this.child.disconnect();
    await this.exited;
  }
}

/** What the client read. */
export interface Fetched {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly bytes: number;
  readonly sha256: string;
  readonly ms: number;
  /** The body, when it was short (an answer, not a file). */
  readonly text: string;
}

export const PROXIED_HOST = 'files.acme-docs.com.proxy.test';

/**
 * A browser-like GET through the proxy (or straight to upstream): reads the body to its
 * end, counting and hashing it, and writing it to `keepIn` when given (with backpressure:
 * the client reads no faster than the disk takes it).
 */
export async function download(port: number, path: string, headers: Record<string, string>, keepIn?: string): Promise<Fetched> {
  const start = performance.now();
  const req = http.request({ host: '127.0.0.1', port, path, headers: { host: PROXIED_HOST, ...headers } });
  req.end();
  const [res] = (await once(req, 'response')) as [http.IncomingMessage];
  const hash = createHash('sha256');
  const file = keepIn === undefined ? null : createWriteStream(keepIn);
  let bytes = 0;
  let head = '';
  for await (const chunk of res as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    hash.update(chunk);
    if (head.length < 4096) head += chunk.toString('utf8', 0, Math.min(chunk.length, 4096));
    if (file !== null && !file.write(chunk)) await once(file, 'drain');
  }
  if (file !== null) await new Promise<void>((resolve, reject) => file.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { status: res.statusCode ?? 0, headers: res.headers, bytes, sha256: hash.digest('hex'), ms: performance.now() - start, text: bytes < 4096 ? head : '' };
}

/** A browser-like multipart POST through the proxy, the body made as it is sent; hashes what it sent. */
export async function upload(port: number, path: string, body: MultipartUpload): Promise<Fetched & { readonly sentSha256: string }> {
  const start = performance.now();
  const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { host: PROXIED_HOST, 'content-type': body.contentType, 'content-length': String(body.length), accept: 'application/json' } });
  const sent = createHash('sha256');
  const responded = once(req, 'response') as Promise<[http.IncomingMessage]>;
  // A refusal answers before the body is all sent: the rest is then not waited for.
  const sending = pipeline(
    Readable.from((function* () {
      for (const chunk of body.chunks()) {
        sent.update(chunk);
        yield chunk;
      }
    })()),
    req,
  ).catch(() => undefined);
  const [res] = await responded;
  const chunks: Buffer[] = [];
  for await (const chunk of res as AsyncIterable<Buffer>) chunks.push(chunk);
  await sending;
  const text = Buffer.concat(chunks).toString('utf8');
  return { status: res.statusCode ?? 0, headers: res.headers, bytes: text.length, sha256: '', ms: performance.now() - start, text, sentSha256: sent.digest('hex') };
}

/** Decrypts a kept .pgp as a stream and hashes the plaintext. */
export async function decryptedSha256(file: string, armoredPrivateKey: string): Promise<{ sha256: string; bytes: number }> {
  const message = await readMessage({ binaryMessage: Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array> });
  // The message is read once, streaming: its integrity check (MDC) is at the end, and the hash is compared only after it.
  const { data } = await decrypt({ message, decryptionKeys: await readPrivateKey({ armoredKey: armoredPrivateKey }), format: 'binary', config: { allowUnauthenticatedStream: true } });
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of data as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    hash.update(chunk);
  }
  return { sha256: hash.digest('hex'), bytes };
}
