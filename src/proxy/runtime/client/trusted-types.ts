import type { RuntimeContext } from './context.js';
import { markupOf } from './markup.js';
import { wrapMethod } from './patch.js';

// A policy's rules, in the order WebIDL reads a dictionary's members (lexicographic).
const RULES = ['createHTML', 'createScript', 'createScriptURL'] as const;
type Rule = (this: unknown, ...input: unknown[]) => unknown;

/**
 * Under `require-trusted-types-for 'script'` the sinks take the page's TrustedHTML and
 * TrustedScriptURL objects as they are, and the runtime cannot make new ones (it has no
 * policy, and the page's `trusted-types` allowlist names none). So values are mapped
 * where they are made: every policy the page creates (`default` too) keeps its name, and
 * what its `createHTML` returns goes through the markup rule (a document as a document,
 * anything else as a fragment), what its `createScriptURL` returns through the URL rule.
 * `createScript` is left as it is: script text is JavaScript, which no rule of the runtime
 * rewrites. A value that needs no change stays the page's own string.
 */
export function hookTrustedTypes(rt: RuntimeContext): void {
  const { scope, mapped } = rt;
  const { html } = markupOf(rt);
  const createHTML = scope.TrustedTypePolicy?.prototype.createHTML as ((this: unknown, input: string) => unknown) | undefined;
  wrapMethod(scope.TrustedTypePolicyFactory?.prototype, 'createPolicy', (original) =>
    function (this: unknown, ...args: unknown[]) {
      const rules = args[1];
      // Anything else the platform refuses (or reads as no rules) as it would have.
      if (rules === null || (typeof rules !== 'object' && typeof rules !== 'function')) return original.apply(this, args);
      let policy: unknown;
      // While set, the page's policy makes a TrustedHTML of exactly the string given: the
      // markup its own rule already returned, which the platform's parsers then take.
      let passing = false;
      const trusted = (markup: string): unknown => {
        passing = true;
        try {
          return createHTML ? createHTML.call(policy, markup) : markup;
        } finally {
          passing = false;
        }
      };
      const maps: Record<string, (made: string) => unknown> = { createHTML: (made) => html(made, trusted), createScriptURL: mapped };
      const copy: Record<string, unknown> = {};
      for (const name of RULES) {
        const rule = (rules as Record<string, unknown>)[name];
        const map = maps[name];
        copy[name] =
          typeof rule !== 'function' || !map
            ? rule
            : function (this: unknown, ...input: unknown[]) {
                if (passing) return input[0];
                const made = (rule as Rule).apply(this, input);
                // null or undefined: "no value" (the default policy's refusal); anything else the platform would stringify.
                return made === null || made === undefined ? made : map(`${made as string}`);
              };
      }
      args[1] = copy;
      return (policy = original.apply(this, args));
    },
  );
}
