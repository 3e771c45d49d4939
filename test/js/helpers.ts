import { createContext, type RewriteContext } from '../../src/context.js';
import type { RewriteEvent } from '../../src/domain/index.js';

/** A context protecting example.com and its subdomains, recording events. */
export function exampleContext(extra: { publicScheme?: 'http' | 'https'; publicPort?: number; maxBufferBytes?: number; domains?: string[] } = {}): { ctx: RewriteContext; events: RewriteEvent[] } {
  const events: RewriteEvent[] = [];
  const ctx = createContext({
    suffix: 'proxy.test',
    domains: extra.domains ?? ['example.com', '*.example.com'],
    publicScheme: extra.publicScheme,
    publicPort: extra.publicPort,
    maxBufferBytes: extra.maxBufferBytes,
    onEvent: (e) => events.push(e),
  });
  return { ctx, events };
}
