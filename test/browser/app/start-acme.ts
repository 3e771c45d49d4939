import { apiRoutes, apiWebSocket } from './api-host.js';
import { appRoutes } from './app-host.js';
import { HOSTS, Sessions, type HostRole } from './acme.js';
import { filesRoutes } from './files-host.js';
import { startHost, stopHost, type HostServer, type Received } from './host-server.js';
import { loginRoutes } from './login-host.js';
import { staticRoutes } from './static-host.js';

/** The running test app: its hosts, the proxy's `resolve` map for them, and what each received. */
export interface AcmeApp {
  readonly hosts: Readonly<Record<HostRole, HostServer>>;
  /** `--resolve` of the proxy: each upstream host name to its 127.0.0.1 port. */
  readonly resolve: Readonly<Record<string, string>>;
  /** Every request the upstream hosts received, in order. */
  readonly received: Received[];
  close(): Promise<void>;
}

/** Starts the five Acme hosts, each a node:http server on its own port of 127.0.0.1. */
export async function startAcme(): Promise<AcmeApp> {
  const sessions = new Sessions();
  const received: Received[] = [];
  const hosts = {
    login: await startHost(HOSTS.login, loginRoutes(sessions), received),
    app: await startHost(HOSTS.app, appRoutes(sessions), received),
    static: await startHost(HOSTS.static, staticRoutes(), received),
    api: await startHost(HOSTS.api, apiRoutes(sessions), received, apiWebSocket(sessions)),
    files: await startHost(HOSTS.files, filesRoutes(), received),
  };
  const resolve = Object.fromEntries(Object.values(hosts).map((h) => [h.name, `127.0.0.1:${h.port}`]));
  return {
    hosts,
    resolve,
    received,
    close: async () => {
      await Promise.all(Object.values(hosts).map(stopHost));
    },
  };
}
