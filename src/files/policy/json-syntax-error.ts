/**
 * Where JSON text first breaks the grammar (RFC 8259), and why, in words. V8's
 * JSON.parse messages differ between versions and on Node 20 often give no position
 * ("Unexpected token ',', "…" is not valid JSON"), so a policy file's syntax error is
 * located by this small scanner instead, run only after JSON.parse has failed. It keeps
 * an explicit stack, so a hostile `[[[[…` cannot overflow the call stack.
 */
export function jsonSyntaxError(text: string): { readonly offset: number; readonly message: string } | null {
  type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const fail = (offset: number, message: string) => ({ offset, message });
  // After a value: the end of the text, or more of the container it is in.
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (i >= text.length) return expect === 'end' ? null : fail(i, 'unexpected end of text');
    const c = text[i];
    if (expect === 'value' || expect === 'value-or-close') {
      if (c === ']' && expect === 'value-or-close') {
        stack.pop();
        i++;
        expect = afterValue();
      } else if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        expect = c === '{' ? 'key-or-close' : 'value-or-close';
      } else if (c === '"') {
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
        expect = afterValue();
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return fail(i, 'not a number');
        i = NUMBER.lastIndex;
        expect = afterValue();
      } else {
        const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        if (word === undefined) return fail(i, `unexpected ${shown(c)}${c === ']' || c === '}' ? ' (a comma before it?)' : ''}`);
        i += word.length;
        expect = afterValue();
      }
    } else if (expect === 'key' || expect === 'key-or-close') {
      if (c === '}' && expect === 'key-or-close') {
        stack.pop();
        i++;
        expect = afterValue();
      } else if (c === '"') {
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
        expect = 'colon';
      } else {
        return fail(i, `expected a property name in double quotes, not ${shown(c)}${c === '}' ? ' (a comma before it?)' : ''}`);
      }
    } else if (expect === 'colon') {
      if (c !== ':') return fail(i, `expected ":" after the property name, not ${shown(c)}`);
      i++;
      expect = 'value';
    } else if (expect === 'comma-or-close') {
      const top = stack[stack.length - 1];
      const close = top === '{' ? '}' : ']';
      if (c === ',') expect = top === '{' ? 'key' : 'value';
      else if (c === close) stack.pop();
      else return fail(i, `expected "," or "${close}", not ${shown(c)}`);
      i++;
      if (c === close) expect = afterValue();
    } else {
      return fail(i, `unexpected ${shown(c)} after the end of the JSON value`);
    }
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** The offset after the string starting at `start` (a `"`), or the failure inside it. */
function scanString(text: string, start: number): number | { offset: number; message: string } {
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return { offset: j, message: 'a line break or control character inside a string (write \\n, \\t, …)' };
    if (c === 0x5c) {
      const e = text[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return { offset: j, message: 'a \\u escape needs four hex digits' };
        j += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        j++;
      } else {
        return { offset: j, message: `an unknown escape ${shown(`\\${e ?? ''}`)} (a backslash is written \\\\ in JSON)` };
      }
    }
  }
  return { offset: text.length, message: 'a string is not closed' };
}

const shown = (c: string) => JSON.stringify(c);
