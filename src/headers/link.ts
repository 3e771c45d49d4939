import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit } from '../domain/index.js';
import { forEachImageCandidateUrl } from './image-candidates.js';
import { quoteBody, quotedStringEnd, unquote } from './quoted-string.js';

// Link parameters whose values are URLs (or, for imagesrcset, a list of them).
const URL_PARAMS = new Set(['anchor', 'imagesrcset']);

/**
 * `Link: <https://app.example.com/a.css>; rel=preload; as=style, <…>; rel=…`: every
 * `<uri-reference>` and the URL-valued parameters in URL position: `anchor`, and each
 * candidate URL of `imagesrcset` (read as the srcset it is). A quoted value is read
 * unescaped and escaped again. A tolerant single pass: commas and semicolons inside
 * `<…>` or quoted strings do not split, an unclosed `<` or quote runs to the end of the
 * value (and is still rewritten: a broken header must not become an escape). No
 * precheck of its own: `url()` has the sound one.
 */
export function rewriteLink(ctx: RewriteContext, value: string): string {
  const edits: Edit[] = [];
  const rewriteUrl = (url: string) => ctx.hosts.url(url);
  const rewriteRange = (from: number, to: number) => {
    const body = value.slice(from, to);
    const rewritten = rewriteUrl(body);
    if (rewritten !== body) edits.push({ start: from, end: to, text: rewritten });
  };
  const rewriteParam = (from: number, to: number, quoted: boolean) => {
    const raw = value.slice(from, to);
    const text = quoted ? unquote(raw) : raw;
    const rewritten = param === 'imagesrcset' ? rewriteImageCandidates(text, rewriteUrl) : rewriteUrl(text);
    if (rewritten !== text) edits.push({ start: from, end: to, text: quoted ? quoteBody(rewritten) : rewritten });
  };
  const n = value.length;
  let param = ''; // the parameter whose value comes next, after `name=`
  let i = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c === 0x3c /* < */) {
      const close = value.indexOf('>', i + 1);
      const end = close === -1 ? n : close;
      rewriteRange(i + 1, end);
      i = end + 1;
      param = '';
    } else if (c === 0x22 /* " */) {
      const end = quotedStringEnd(value, i);
      if (URL_PARAMS.has(param)) rewriteParam(i + 1, end, true);
      i = end + 1;
      param = '';
    } else if (c === 0x3b /* ; */ || c === 0x2c /* , */) {
      i++;
      param = '';
    } else if (c === 0x20 || c === 0x09) {
      i++;
    } else {
      // A bare token: a parameter name (when `=` follows) or an unquoted value.
      let end = i;
      while (end < n && !isDelimiter(value.charCodeAt(end))) end++;
      if (end === i) {
        i++; // a stray `=` or `>`
        param = '';
        continue;
      }
      let k = end;
      while (k < n && (value.charCodeAt(k) === 0x20 || value.charCodeAt(k) === 0x09)) k++;
      if (value.charCodeAt(k) === 0x3d /* = */) {
        param = value.slice(i, end).toLowerCase();
        i = k + 1;
        continue;
      }
      if (URL_PARAMS.has(param)) rewriteParam(i, end, false);
      param = '';
      i = end;
    }
  }
  return applyEdits(value, edits);
}

function isDelimiter(c: number): boolean {
  return c === 0x3b || c === 0x2c || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x3d || c === 0x20 || c === 0x09;
}

/** Each candidate URL of a srcset rewritten on its own; descriptors and separators kept. */
function rewriteImageCandidates(srcset: string, rewriteUrl: (url: string) => string): string {
  const edits: Edit[] = [];
  forEachImageCandidateUrl(srcset, (start, end) => {
    const url = srcset.slice(start, end);
    const rewritten = rewriteUrl(url);
    if (rewritten !== url) edits.push({ start, end, text: rewritten });
  });
  return applyEdits(srcset, edits);
}
