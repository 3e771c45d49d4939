/**
 * The namespaces an XML document's elements are in, as far as the rewriter cares: XHTML
 * and SVG (where `<script>` and `<style>` run), MathML, or any other vocabulary (Atom,
 * RSS, sitemaps), whose text may be data. Namespaces in XML 1.0: a prefix or the default
 * namespace is bound by `xmlns:p` / `xmlns` on an element, for it and its descendants.
 */
export type NamespaceKind = 'html' | 'svg' | 'mathml' | 'other';

const KNOWN: Record<string, NamespaceKind> = {
  'http://www.w3.org/1999/xhtml': 'html',
  'http://www.w3.org/2000/svg': 'svg',
  'http://www.w3.org/1998/Math/MathML': 'mathml',
};

/** The kind of a namespace name (the exact URI: namespace names are compared as strings). */
export function namespaceKind(uri: string): NamespaceKind {
  return KNOWN[uri] ?? 'other';
}

/** The bindings in force on an element. Shared by descendants that declare nothing. */
interface Scope {
  readonly defaultKind: NamespaceKind;
  readonly prefixes: ReadonlyMap<string, NamespaceKind>;
}

/**
 * Prefixes remembered per scope. A document declaring more (on one path) is not a real
 * one; further prefixes then count as `other`, which keeps each declaration O(1).
 */
const MAX_PREFIXES = 64;

/**
 * Open elements deeper than this share the deepest scope: the stack stays bounded on a
 * hostile document of millions of unclosed tags. Declarations past it are ignored.
 */
export const MAX_TRACKED_DEPTH = 4096;

const ROOT: Scope = { defaultKind: 'other', prefixes: new Map() };

/** A stack of open elements' scopes and namespaces: one push per start tag, one pop per end tag. */
export class NamespaceStack {
  private readonly scopes: Scope[] = [];
  private readonly kinds: NamespaceKind[] = [];
  /** Open elements past {@link MAX_TRACKED_DEPTH}. */
  private untracked = 0;

  /**
   * The namespace of the element `prefix:local` carrying the declarations `decls`
   * (`['', uri]` for `xmlns`, `['p', uri]` for `xmlns:p`); opened unless `empty`.
   */
  open(prefix: string, decls: readonly (readonly [string, string])[], empty: boolean): NamespaceKind {
    const parent = this.scopes[this.scopes.length - 1] ?? ROOT;
    const tracked = this.untracked === 0 && this.scopes.length < MAX_TRACKED_DEPTH;
    const scope = decls.length > 0 && tracked ? declare(parent, decls) : parent;
    const kind = prefix === '' ? scope.defaultKind : scope.prefixes.get(prefix) ?? 'other';
    if (!empty) {
      if (tracked) {
        this.scopes.push(scope);
        this.kinds.push(kind);
      } else {
        this.untracked++;
      }
    }
    return kind;
  }

  /** An end tag: closes the innermost open element (a stray one at the top closes nothing). */
  close(): void {
    if (this.untracked > 0) {
      this.untracked--;
      return;
    }
    this.scopes.pop();
    this.kinds.pop();
  }

  /** The namespace of the innermost open element; null outside the root element. */
  current(): NamespaceKind | null {
    return this.kinds[this.kinds.length - 1] ?? null;
  }
}

function declare(parent: Scope, decls: readonly (readonly [string, string])[]): Scope {
  let defaultKind = parent.defaultKind;
  let prefixes: Map<string, NamespaceKind> | null = null;
  for (const [prefix, uri] of decls) {
    const kind = namespaceKind(uri);
    if (prefix === '') {
      defaultKind = kind;
      continue;
    }
    prefixes ??= new Map(parent.prefixes);
    if (prefixes.has(prefix) || prefixes.size < MAX_PREFIXES) prefixes.set(prefix, kind);
  }
  return { defaultKind, prefixes: prefixes ?? parent.prefixes };
}
