import { describe, expect, it } from 'vitest';
import { mapHeaders } from '../../src/headers/header-object.js';
import { recordingContext } from '../helpers/context.js';

// Never fail open: a header rule that throws (a bug) costs that value its exact rule, not
// its rewriting: the lexical code-string rules still proxy the hosts they find.
describe('a header rule that throws', () => {
  it('rewrites that value by the lexical rules, reports it, and leaves the others to their rules', () => {
    const { ctx, events } = recordingContext();
    const boom = () => {
      throw new Error('bug');
    };
    const out = mapHeaders(ctx, { location: 'https://app.example.com/next', link: '<https://cdn.example.com/a.css>; rel=preload', 'x-other': 'https://app.example.com/' }, (name) =>
      name === 'x-other' ? undefined : { rewrite: boom },
    );
    expect(out['location']).toBe('https://app.example.com.proxy.test/next');
    expect(out['link']).toBe('<https://cdn.example.com.proxy.test/a.css>; rel=preload');
    expect(out['x-other']).toBe('https://app.example.com/');
    expect(events.filter((e) => e.type === 'header-rewrite-failed').map((e) => e['header'])).toEqual(['location', 'link']);
  });
});
