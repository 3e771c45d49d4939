import { test } from 'vitest';
import { HostRewriter } from '../src/domain/index.js';
test('smoke', () => {
  const r = new HostRewriter({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'], publicScheme: 'http', publicPort: 8080 });
  const cases = ['https://app.example.com/x', 'https://example.com.proxy.test/', '//EXAMPLE.com:443/a', 'https://user:pw@example.com/', 'mailto:u@example.com',
   'https://a.b/?return=https%3A%2F%2Fapp.example.com%2F', 'https://a.b/?r=https%253A%252F%252Fapp.example.com', 'wss://ws.example.com/s', 'https://notexample.com/', 'https://example.community/', 'https://example.com.evil.org/'];
  for (const c of cases) console.log(c, ' => ', r.url(c));
  for (const c of ['example.com', '.example.com', '*.example.com', 'https:\\/\\/app.example.com\\/x', 'see app.example.com now', '^https?:\\/\\/(www\\.)?example\\.com$', 'user@example.com', 'https:\\u002F\\u002Fexample.com', 'x\\napp.example.com'])
    console.log(c, ' => ', r.codeString(c));
  console.log(r.upstreamUrl('http://app.example.com.proxy.test:8080/a?x=http%3A%2F%2Fexample.com.proxy.test%3A8080%2F'));
  console.log(r.map.upstreamHost('evil.org.proxy.test'), r.map.upstreamHost('x.example.com.proxy.test.proxy.test'), r.map.upstreamHost('proxy.test'), r.map.upstreamHost('A.example.com.proxy.test'));
  const f = new HostRewriter({ suffix: 'proxy.test', domains: ['*.example.com'], scheme: 'flat' });
  console.log(f.url('https://my-app.x.example.com/'), f.map.upstreamHost('my--app-x-example-com.proxy.test'), f.map.upstreamHost('my-app-x-example-com.proxy.test'));
});
