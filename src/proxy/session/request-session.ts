import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import type { SessionContext } from '../../files/index.js';
import type { ProxyOptions } from '../options.js';

/** The session of one request, as file control, the runtime's activity controls and audit events see it. */
export type SessionOf = (req: IncomingMessage) => Promise<SessionContext>;

/**
 * The session of a request: what the request shows (the socket's IP, the User-Agent)
 * under what the implementer gives (a fixed context or a function of the request), and
 * with `deviceCertificates` the device: `managed` when the TLS client certificate was
 * verified against the server's CA list, else `unmanaged`, whatever the implementer said
 * (a certificate is proof, a claim is not).
 */
export function sessionOf(options: Pick<ProxyOptions, 'session' | 'deviceCertificates'>): SessionOf {
  const given = options.session;
  return async (req) => {
    const ua = req.headers['user-agent'];
    const shown: SessionContext = {
      ...(req.socket.remoteAddress === undefined ? {} : { ip: req.socket.remoteAddress }),
      ...(ua === undefined ? {} : { userAgent: ua }),
    };
    const implementer = typeof given === 'function' ? await given(req) : given;
    const session = { ...shown, ...implementer };
    return options.deviceCertificates === true ? { ...session, device: verifiedDevice(req) } : session;
  };
}

function verifiedDevice(req: IncomingMessage): 'managed' | 'unmanaged' {
  const socket = req.socket;
  return socket instanceof TLSSocket && socket.authorized === true ? 'managed' : 'unmanaged';
}

/** `of` called once per request, so file control, the runtime and audit events see one session. */
export function oncePerRequest(of: SessionOf): SessionOf {
  const seen = new WeakMap<IncomingMessage, Promise<SessionContext>>();
  return (req) => {
    let session = seen.get(req);
    if (session === undefined) {
      session = of(req);
      seen.set(req, session);
    }
    return session;
  };
}
