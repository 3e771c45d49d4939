/**
 * parse5-sax-parser's `ParserFeedbackSimulator` keeps its namespace stack top-first: it
 * `unshift`s on every `<svg>`, `<math>` and integration point and `shift`s on leaving, so
 * each is O(depth) and nested foreign content is quadratic (1 MB of `<svg>` took 9 s).
 * It only ever reads `namespaceStack[0]` (the current namespace) and `namespaceStack[1]`
 * (the one before). This stack offers exactly that surface, with the same results
 * (`undefined` past the bottom), over an array kept bottom-first so both ends are O(1).
 */
export class TopFirstNamespaceStack {
  /** Bottom first: the current namespace is the last element. */
  private readonly items: string[];

  /** `initial`: parse5's array as it is (top first). */
  constructor(initial: readonly string[] = []) {
    this.items = initial.slice().reverse();
  }

  /** The current namespace (parse5 reads `namespaceStack[0]`). */
  get 0(): string | undefined {
    return this.items[this.items.length - 1];
  }

  /** The namespace below the current one (parse5 reads `namespaceStack[1]`). */
  get 1(): string | undefined {
    return this.items[this.items.length - 2];
  }

  /** Number of entries, as on parse5's array. */
  get length(): number {
    return this.items.length;
  }

  /** Enters a namespace: O(1) (parse5 calls `unshift`). */
  unshift(ns: string): number {
    return this.items.push(ns);
  }

  /** Leaves the current namespace: O(1) (parse5 calls `shift`). */
  shift(): string | undefined {
    return this.items.pop();
  }
}

/**
 * Puts a {@link TopFirstNamespaceStack} in place of the simulator's array, keeping its
 * contents. Returns false (and changes nothing) if the simulator has no such array: a
 * different parse5 version is still correct, only not sped up.
 */
export function useConstantTimeNamespaceStack(simulator: object): boolean {
  const sim = simulator as { namespaceStack: unknown };
  if (!Array.isArray(sim.namespaceStack)) return false;
  sim.namespaceStack = new TopFirstNamespaceStack(sim.namespaceStack as string[]);
  return true;
}
