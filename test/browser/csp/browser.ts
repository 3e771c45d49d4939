import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from '../harness/chromium.js';

/** Quiet and local: no background fetches of Chromium's own (the flags of every browser test here). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Chromium that reaches `*.<suffix>` on 127.0.0.1 and nothing else: a request that
 * escapes the proxy fails by name resolution, and the network stack logs every request
 * to `netLog` (written when the browser closes).
 */
export function launchPlainChromium(suffix: string, netLog: string): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, `--host-resolver-rules=MAP *.${suffix} 127.0.0.1, MAP * ~NOTFOUND`, `--log-net-log=${netLog}`] });
}
