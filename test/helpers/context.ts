import { createContext, type RewriteContext } from '../../src/context.js';
import type { HostMapOptions, RewriteEvent } from '../../src/domain/index.js';

/** Options a test may vary; suffix and domains default to proxy.test and example.com + *.example.com. */
export type TestContextOptions = Partial<HostMapOptions> & { maxBufferBytes?: number };

/** A context over the usual test domains that records its events. */
export function recordingContext(options: TestContextOptions = {}): { ctx: RewriteContext; events: RewriteEvent[] } {
  const events: RewriteEvent[] = [];
  const ctx = createContext({
    suffix: 'proxy.test',
    domains: ['example.com', '*.example.com'],
    ...options,
    onEvent: (e) => events.push(e),
  });
  return { ctx, events };
}
