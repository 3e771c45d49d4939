import { readFileSync } from 'node:fs';
import { APP_ORIGIN, CALLBACK_URL, escapeHtml, HOSTS, type Sessions } from './acme.js';
import type { HostRoute } from './host-server.js';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

/** Where the app sends a user without a session: the provider, with the app's own (upstream) callback. */
export const AUTHORIZE_URL = `http://${HOSTS.login}/authorize?client_id=workspace&redirect_uri=${encodeURIComponent(CALLBACK_URL)}&state=s-1`;

/**
 * The app host: the workspace page (signed-in users only), the OAuth callback, the
 * service worker (at /js/sw.js with scope `/`, allowed by a `Service-Worker-Allowed`
 * header that names the upstream origin) and an upload endpoint.
 */
export function appRoutes(sessions: Sessions): Record<string, HostRoute> {
  return {
    'GET /': (req, res) => {
      const user = sessions.userOf(req);
      if (user === null) {
        res.writeHead(302, { location: AUTHORIZE_URL, 'cache-control': 'no-store' }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(workspacePage(user));
    },
    'GET /callback': (req, res, _body, url) => {
      // The session cookie was set by the login host for the whole domain: it must be here.
      if (!sessions.redeem(url.searchParams.get('code')) || sessions.userOf(req) === null) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('no valid code or no session cookie at the callback');
        return;
      }
      res.writeHead(302, { location: `${APP_ORIGIN}/` }).end();
    },
    'GET /js/sw.js': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript', 'service-worker-allowed': `${APP_ORIGIN}/`, 'cache-control': 'no-store' }).end(asset('sw.js'));
    },
    'POST /upload': (_req, res, body) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`stored ${body.length} bytes`);
    },
    'GET /favicon.ico': (_req, res) => {
      res.writeHead(204).end();
    },
  };
}

/** The workspace page: its assets come from the static host, its data from the API host. */
function workspacePage(user: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Workspace</title>
<link rel="stylesheet" href="http://${HOSTS.static}/app.css">
<script src="http://${HOSTS.static}/app.js" defer></script>
</head><body>
<header><img id="logo" src="http://${HOSTS.static}/logo.svg" alt="Acme" width="40" height="40"><h1>Acme Workspace</h1>
<span id="who">Signed in as <b>${escapeHtml(user)}</b></span></header>
<main>
<section class="card"><h2>Session</h2>
<p>Page host: <code id="where"></code></p>
<p>The API says: signed in as <b id="api-user">…</b></p></section>
<section class="card"><h2>Confidential</h2>
<p id="secret">Q3 acquisition target: Globex Corporation. Do not share outside Acme.</p></section>
<section class="card wide"><h2>URLs built at run time</h2>
<table id="checks"><tbody></tbody></table></section>
<section class="card wide"><h2>Files</h2>
<p><a id="payroll" href="http://${HOSTS.files}/files/payroll.csv">payroll.csv</a> ·
<a id="report">report.docx</a></p>
<form id="upload" method="post" action="${APP_ORIGIN}/upload" enctype="multipart/form-data">
<input id="upload-file" type="file" name="file"> <button id="upload-send" type="submit">Upload</button></form></section>
</main></body></html>`;
}
