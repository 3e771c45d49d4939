import { describe, expect, it } from 'vitest';
import { resolveUpstream } from '../../../src/proxy/index.js';

describe('resolveUpstream', () => {
  const map = {
    'app.example.com': '10.0.0.1:8080',
    '*.example.com': '10.0.0.2:8081',
    '*.eu.example.com': '10.0.0.3',
    'v6.example.org': '[::1]:8443',
    'bare6.example.org': '::1',
    'CAPS.Example.NET.': '10.0.0.4:1',
  };

  it('reads exact keys, wildcard keys (the longest first) and the default port', () => {
    expect(resolveUpstream(map, 'app.example.com', 443)).toEqual({ address: '10.0.0.1', port: 8080 });
    expect(resolveUpstream(map, 'api.example.com', 443)).toEqual({ address: '10.0.0.2', port: 8081 });
    expect(resolveUpstream(map, 'a.b.example.com', 443)).toEqual({ address: '10.0.0.2', port: 8081 });
    expect(resolveUpstream(map, 'x.eu.example.com', 443)).toEqual({ address: '10.0.0.3', port: 443 });
    expect(resolveUpstream(map, 'x.eu.example.com', 80)).toEqual({ address: '10.0.0.3', port: 80 });
  });

  it('does not cover the base of a wildcard, nor a host that merely ends alike', () => {
    expect(resolveUpstream(map, 'example.com', 443)).toBeUndefined();
    expect(resolveUpstream(map, 'notexample.com', 443)).toBeUndefined();
    expect(resolveUpstream(map, 'eu.example.com', 443)).toEqual({ address: '10.0.0.2', port: 8081 });
  });

  it('reads IPv6 addresses, with and without a port, and names case-insensitively', () => {
    expect(resolveUpstream(map, 'v6.example.org', 443)).toEqual({ address: '::1', port: 8443 });
    expect(resolveUpstream(map, 'bare6.example.org', 80)).toEqual({ address: '::1', port: 80 });
    expect(resolveUpstream(map, 'caps.example.net', 80)).toEqual({ address: '10.0.0.4', port: 1 });
    expect(resolveUpstream(map, 'CAPS.example.net.', 80)).toEqual({ address: '10.0.0.4', port: 1 });
  });

  it('is undefined without a resolver, and asks a function', () => {
    expect(resolveUpstream(undefined, 'app.example.com', 443)).toBeUndefined();
    expect(resolveUpstream((h) => (h === 'a.test' ? { address: '127.0.0.1', port: 9 } : undefined), 'a.test', 443)).toEqual({ address: '127.0.0.1', port: 9 });
  });

  it.each(['10.0.0.1:', '10.0.0.1:0', '10.0.0.1:65536', '10.0.0.1:http', '', '[::1', '[::1]x', 'a/b:80', 'user@host:80'])('refuses %j', (value) => {
    expect(() => resolveUpstream({ 'a.test': value }, 'a.test', 80)).toThrow(TypeError);
  });
});
