// Acme Workspace. Most URLs here are built at run time from pieces in which no static
// rewrite can see a host ('.acme' + '.test'), so only the proxy's client runtime can keep
// them inside the proxy. Each check writes a row and its result to window.acmeChecks.
(function () {
  'use strict';
  var zone = '.acme' + '.test';
  var port = 80;
  var http = 'http:' + '//';
  var sub = 'api';
  var rows = document.querySelector('#checks tbody');

  function row(name, how) {
    var tr = document.createElement('tr');
    tr.innerHTML = '<td class="state">…</td><th></th><td class="how"></td><td class="url"><span></span></td>';
    tr.id = 'check-' + name;
    tr.children[1].textContent = name;
    tr.children[2].textContent = how;
    rows.appendChild(tr);
    return tr;
  }

  // Runs one check: resolves to { ok, url, value } or { ok: false, error }, never rejects.
  function check(name, how, run) {
    var tr = row(name, how);
    var timeout = new Promise(function (resolve) {
      setTimeout(function () { resolve({ ok: false, error: 'timed out' }); }, 10000);
    });
    var result = Promise.race([
      Promise.resolve().then(run).then(function (r) { return { ok: true, url: r.url, value: r.value }; }),
      timeout,
    ]).catch(function (e) { return { ok: false, error: String(e && e.message || e) }; });
    return result.then(function (r) {
      tr.className = r.ok ? 'ok' : 'failed';
      tr.children[0].textContent = r.ok ? '✓' : '✗';
      tr.children[3].lastChild.textContent = r.ok ? r.url : r.error;
      return r;
    });
  }

  function json(res) {
    if (!res.ok) throw new Error(res.url + ' answered ' + res.status);
    return res.json().then(function (value) { return { url: res.url, value: value }; });
  }

  var checks = {
    fetch: check('fetch', "'http://' + 'api' + zone + ':' + port + '/me', with cookies", function () {
      return fetch(http + sub + zone + ':' + port + '/me', { credentials: 'include', headers: { 'X-Requested-With': 'acme-workspace' } })
        .then(json)
        .then(function (r) {
          document.getElementById('api-user').textContent = r.value.user;
          return r;
        });
    }),
    xhr: check('XMLHttpRequest', '`http://${sub}.acme.test/items?n=${n}`, with cookies', function () {
      return new Promise(function (resolve, reject) {
        var n = 2;
        var xhr = new XMLHttpRequest();
        xhr.open('GET', `http://${sub}.acme.test/items?n=${n}`);
        xhr.withCredentials = true;
        xhr.responseType = 'json';
        xhr.onload = function () {
          if (xhr.status !== 200) return reject(new Error('items answered ' + xhr.status));
          resolve({ url: xhr.responseURL, value: xhr.response });
        };
        xhr.onerror = function () { reject(new Error('XHR failed')); };
        xhr.send();
      });
    }),
    image: check('img.src', "'http://' + ['static', 'acme', 'test'].join('.') + '/pixel.svg'", function () {
      return new Promise(function (resolve, reject) {
        var img = new Image(24, 24);
        img.alt = 'pixel';
        img.onload = function () { resolve({ url: img.currentSrc, value: img.naturalWidth }); };
        img.onerror = function () { reject(new Error('image did not load')); };
        img.src = http + ['static', 'acme', 'test'].join('.') + '/pixel.svg';
        document.getElementById('check-img.src').children[3].prepend(img, ' ');
      });
    }),
    link: check('setAttribute(href)', "'http://' + 'files' + zone + '/files/report.docx'", function () {
      var a = document.getElementById('report');
      a.setAttribute('href', http + 'files' + zone + '/files/report.docx');
      return { url: a.href, value: a.getAttribute('href') };
    }),
    websocket: check('WebSocket', "'ws://' + sub + zone + '/ws'", function () {
      return new Promise(function (resolve, reject) {
        var ws = new WebSocket('ws:' + '//' + sub + zone + '/ws');
        ws.onopen = function () { ws.send(JSON.stringify({ hello: 'from the workspace' })); };
        ws.onmessage = function (event) {
          resolve({ url: ws.url, value: JSON.parse(event.data) });
          ws.close();
        };
        ws.onerror = function () { reject(new Error('WebSocket failed')); };
      });
    }),
    serviceWorker: check('service worker fetch', "in the worker: 'http://' + ['api', 'acme', 'test'].join('.') + '/sw-ping'", function () {
      if (!('serviceWorker' in navigator)) throw new Error('no service workers here (not a secure context?)');
      return navigator.serviceWorker.register('/js/sw.js', { scope: '/' })
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function (registration) {
          return new Promise(function (resolve, reject) {
            var channel = new MessageChannel();
            channel.port1.onmessage = function (event) {
              if (event.data.ok) resolve(event.data);
              else reject(new Error(event.data.error));
            };
            registration.active.postMessage('ping', [channel.port2]);
          });
        });
    }),
  };

  document.getElementById('where').textContent = location.host;
  window.acmeCopies = [];
  document.addEventListener('copy', function (event) {
    window.acmeCopies.push({ defaultPrevented: event.defaultPrevented });
  });
  var names = Object.keys(checks);
  window.acmeChecks = Promise.all(names.map(function (k) { return checks[k]; })).then(function (results) {
    var out = {};
    names.forEach(function (k, i) { out[k] = results[i]; });
    return out;
  });
})();
