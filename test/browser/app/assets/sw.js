// The workspace's service worker. Its own fetch of an absolute API URL, built at run time:
// only the runtime prelude the proxy puts at the start of worker scripts can map it.
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });
self.addEventListener('message', function (event) {
  var reply = event.ports[0];
  var url = 'http:' + '//' + ['api', 'acme', 'test'].join('.') + '/sw-ping';
  event.waitUntil(
    fetch(url)
      .then(function (res) {
        if (!res.ok) throw new Error(url + ' answered ' + res.status);
        return res.json().then(function (value) { reply.postMessage({ ok: true, url: res.url, value: value }); });
      })
      .catch(function (e) { reply.postMessage({ ok: false, error: String(e && e.message || e) }); }),
  );
});
