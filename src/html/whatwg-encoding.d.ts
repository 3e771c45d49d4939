// whatwg-encoding ships no types; these are the two functions this folder uses.
declare module 'whatwg-encoding' {
  /** A WHATWG encoding name for a label, or null. */
  export function labelToName(label: string): string | null;
  /** Whether iconv-lite can decode the WHATWG encoding `name`. */
  export function isSupported(name: string): boolean;
  const whatwgEncoding: { labelToName: typeof labelToName; isSupported: typeof isSupported };
  export default whatwgEncoding;
}
