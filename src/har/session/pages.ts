import type { HarPage } from '../har-types.js';
import type { SessionRun } from './session-run.js';

/**
 * `log.pages` as the browser would record them through the proxy. Browsers title a page
 * without a `<title>` by its URL (Chrome's HAR export, Firefox's too): such a title is
 * mapped like the URL it is; any other title is the page's text and stays.
 */
export function rewritePages(pages: unknown, run: SessionRun): unknown {
  if (!Array.isArray(pages)) return pages;
  let changed = 0;
  const out = pages.map((page: HarPage) => {
    if (page === null || typeof page !== 'object' || typeof page.title !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\//i.test(page.title.trim())) return page;
    const title = run.rw.url(page.title);
    if (title === page.title) return page;
    changed++;
    return { ...page, title };
  });
  run.stats.rewrite('page-title', changed);
  return changed === 0 ? pages : out;
}
