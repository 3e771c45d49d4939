import type { ServerResponse } from 'node:http';
import { CALLBACK_URL, escapeHtml, type Sessions } from './acme.js';
import type { HostRoute } from './host-server.js';

/**
 * The identity provider: an OAuth-like authorize step. The app sends the user to
 * `/authorize?redirect_uri=…`; the sign-in form posts the `redirect_uri` back as a form
 * field, and the provider accepts only the app's registered upstream URL, so the proxy
 * must map it back in the query and in the form body. On success it sets the session
 * cookie for every Acme host (`Domain=.acme.test`) and redirects with an absolute
 * `Location` to the app.
 */
export function loginRoutes(sessions: Sessions): Record<string, HostRoute> {
  return {
    'GET /authorize': (_req, res, _body, url) => {
      const redirect = url.searchParams.get('redirect_uri');
      if (redirect !== CALLBACK_URL) return mismatch(res, redirect);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(signInPage(redirect, url.searchParams.get('state') ?? ''));
    },
    'POST /login': (_req, res, body) => {
      const form = new URLSearchParams(body.toString('utf8'));
      const redirect = form.get('redirect_uri');
      if (redirect !== CALLBACK_URL) return mismatch(res, redirect);
      const user = form.get('user') ?? '';
      if (user === '' || form.get('password') === '') {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('user and password, please');
        return;
      }
      const { sid, code } = sessions.open(user);
      const back = new URL(redirect);
      back.searchParams.set('code', code);
      back.searchParams.set('state', form.get('state') ?? '');
      res.writeHead(302, { location: back.href, 'set-cookie': `sid=${sid}; Domain=.acme.test; Path=/; HttpOnly; SameSite=Lax` }).end();
    },
  };
}

function mismatch(res: ServerResponse, got: string | null): void {
  res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`redirect_uri mismatch: got ${JSON.stringify(got)}, registered ${JSON.stringify(CALLBACK_URL)}`);
}

/** The sign-in form; the redirect URI rides along in a hidden field, as OAuth providers do. */
function signInPage(redirect: string, state: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to Acme</title>
<style>body{font:16px system-ui,sans-serif;background:#eef2f7;display:grid;place-items:center;height:100vh;margin:0}
form{background:#fff;padding:2rem;border-radius:12px;box-shadow:0 4px 20px #0002;display:grid;gap:.8rem;min-width:18rem}
button{background:#2f5bd3;color:#fff;border:0;border-radius:6px;padding:.6rem;font-size:1rem}</style></head>
<body><form method="post" action="/login">
<h1>Sign in to Acme</h1>
<input type="hidden" name="redirect_uri" value="${escapeHtml(redirect)}">
<input type="hidden" name="state" value="${escapeHtml(state)}">
<label>User <input id="user" name="user" autocomplete="username"></label>
<label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
<button id="sign-in" type="submit">Sign in</button>
</form></body></html>`;
}
