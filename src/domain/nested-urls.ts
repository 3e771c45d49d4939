// The SSO escape route, second line of defence: a URL nested in a query or fragment
// parameter whose own spelling hides its host from the text scan (`app%2Eexample%2Ecom`,
// `u%40app.example.com`, `%5C%5Capp.example.com`). Such a parameter is decoded once,
// given to the URL rules, and re-encoded only if they change it.

const PARAMETER_SPLIT = /([?&#;=])/;
const MAX_DEPTH = 3;

/**
 * `value` with every percent-encoded parameter that holds a URL the URL rules would
 * change replaced by its rewritten, re-encoded form. `rewrite` is the URL rule itself
 * (called with `depth + 1` for the nested value), so nesting is followed to a bounded
 * depth. Parameters that need no change keep their bytes.
 */
export function rewriteNestedUrls(value: string, rewrite: (url: string, depth: number) => string, depth: number): string {
  if (depth >= MAX_DEPTH || !value.includes('%')) return value;
  const query = value.search(/[?#]/);
  if (query === -1) {
    // A nested value that is itself still encoded (`https%3A%2F%2F…` inside `%25…`).
    return depth > 0 ? rewriteEncoded(value, rewrite, depth) ?? value : value;
  }
  const parts = value.slice(query).split(PARAMETER_SPLIT);
  let changed = false;
  for (let i = 0; i < parts.length; i += 2) {
    const rewritten = rewriteEncoded(parts[i], rewrite, depth);
    if (rewritten === null) continue;
    parts[i] = rewritten;
    changed = true;
  }
  return changed ? value.slice(0, query) + parts.join('') : value;
}

/** One percent-encoded piece: decoded, rewritten, re-encoded; null when nothing changes. */
function rewriteEncoded(part: string, rewrite: (url: string, depth: number) => string, depth: number): string | null {
  if (!part.includes('%')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    return null;
  }
  if (!decoded.includes('//') && !decoded.includes('\\') && !decoded.includes('%')) return null;
  const rewritten = rewrite(decoded, depth + 1);
  return rewritten === decoded ? null : encodeURIComponent(rewritten);
}
