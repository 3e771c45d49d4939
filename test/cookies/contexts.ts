import { createContext, type RewriteContext } from '../../src/context.js';
import type { RewriteEvent } from '../../src/domain/index.js';

/** A context over the usual test domains that records its events. */
export function recordingContext(options: { scheme?: 'suffix' | 'flat'; domains?: string[]; publicScheme?: 'http' | 'https'; publicPort?: number } = {}): { ctx: RewriteContext; events: RewriteEvent[] } {
  const events: RewriteEvent[] = [];
  const ctx = createContext({
    suffix: 'proxy.test',
    domains: options.domains ?? ['example.com', '*.example.com'],
    scheme: options.scheme,
    publicScheme: options.publicScheme,
    publicPort: options.publicPort,
    onEvent: (e) => events.push(e),
  });
  return { ctx, events };
}
