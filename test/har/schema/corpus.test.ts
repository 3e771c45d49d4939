// The corpus against HAR 1.2: reading and writing a capture does not change whether (or
// why) it is valid. Half the captures are not valid as recorded, each for what its tool
// writes against the spec:
// - cookie `expires: null` (Chrome DevTools, session cookies): gatling…, harextractor…wikipedia,
//   pagexray__chrome_run.sitespeed.io, perfcascade__chrome_{enorm-magazin.de, github.com,
//   h2o.examp1e.net, www.bbc.com, www.google.co.kr}
// - postData with neither text nor params: perfcascade__chrome_github.com
// - postData params whose value is a JSON object, not a string: pagexray__chrome-har_{verizon…, walmart-304}
// - `pages: null`: harviewer__fiddler_m.cnn.com; `httpOnly: "true"`: harviewer__fiddler_www.widex.com
// - `redirectURL: null`: mitmproxy__charles_mitmproxy.org
// - Firefox: no timings.send/wait/receive, no response.headersSize, no content.size, `time`
//   or request.headersSize null, cache.afterRequest {lastFetched, fetchCount}:
//   mitmproxy__firefox_mitmproxy.org, perfcascade__firefox_filamentgroup.com
// - timings send/wait/receive of -1: playwright__theverge-redirect, pwadvhar__playwright_demo…
import { describe, expect, it } from 'vitest';
import { validateHar } from '../../../src/har/schema/validate-har.js';
import { chunked, corpusExists, corpusHars, parseHarBytes, roundTrip } from '../stream/helpers.js';

if (!corpusExists) console.warn('test/har/schema: ../shared/corpus/har is absent; the corpus validation is skipped');

/** Captures that are valid HAR 1.2 as recorded. */
const validAsRecorded = [
  'coachcore__chrome-har_wikimediafoundation.org.har',
  'coachcore__wpt_www.ryanair.com.har',
  'harextractor__chrome_hatebupwa.netlify.com.har',
  'harviewer__fiddler-ie11_gitgrimbo.github.io.har',
  'harviewer__firebug_softwareishard.com.har',
  'harviewer__firefox47_gitgrimbo.github.io.har',
  'mitmproxy__chrome_google.com.har',
  'mitmproxy__safari_mitmproxy.org.har',
  'pagexray__chrome-har_www.ferguson.com.har',
  'pagexray__wpt_aftonbladet.se-redirect.har',
  'pagexray__wpt_www.expressen.se.har',
  'pagexray__wpt_www.nytimes.com.har',
  'perfcascade__capture-har_httpbin-redirect-loop.har',
  'perfcascade__chrome_www.nghttp2.org.har',
  'perfcascade__wpt_www.bbc.co.uk.har',
  'pollyjs__api.github.com-getUser.har',
  'sitespeedio__browsertime_www.theverge.com.har',
];

describe.skipIf(!corpusExists)('corpus HARs against the HAR 1.2 schema', () => {
  it.each(corpusHars().map(([name, bytes]) => ({ name, bytes })))('$name', async ({ name, bytes }) => {
    const before = validateHar(parseHarBytes(bytes));
    expect(before.length === 0).toBe(validAsRecorded.includes(name));
    const { out } = await roundTrip(chunked([bytes]), { spillChars: 4096 });
    expect(validateHar(JSON.parse(out.toString('utf8')))).toEqual(before);
  });
});
