// UTF-16 facts that decide where a string may be cut.

/** A high (leading) surrogate: cutting after it splits a pair. */
export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** No lone surrogate (String.prototype.isWellFormed is ES2024: Node 20 has it, the project's lib is ES2023). */
export const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();
