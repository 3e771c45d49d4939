import type { ClassifiedFile } from '../file-facts.js';
import { SESSION_ACTIVITIES } from '../file-facts.js';
import type { Subject } from './condition.js';
import { compileGlob, type Glob } from './glob.js';
import { parseIpRange, type ClientAddress, type IpRange } from './ip-range.js';
import type { MatchDimension } from './policy-document.js';
import { didYouMean } from './closest.js';

/**
 * A dimension whose facts are known without reading the file: how a policy value is
 * read (or why it is wrong), which facts of the session or file it is compared with,
 * and how a fact is shown in a decision's reason.
 */
export interface FactDimension<M, F> {
  /** The value without its `!`; a problem is said of the value (`is not an IP address or CIDR range`). */
  parse(value: string): M | { readonly problem: string };
  /** The facts this dimension compares; [] when the session or file does not have it. */
  facts(subject: Subject): readonly F[];
  matches(matcher: M, fact: F): boolean;
  show(fact: F): string;
}

export type FactDimensionName = Exclude<MatchDimension, 'fileSize' | 'label' | 'content'>;

const ACTIVITIES: readonly string[] = ['download', 'upload', ...SESSION_ACTIVITIES];
/** The facts of the file; none without one (never reached then: rules with file dimensions skip session activities). */
const ofFile = (facts: (file: ClassifiedFile) => readonly string[]) => ({ file }: Subject): readonly string[] => (file === null ? [] : facts(file));
const present = (value: string | null | undefined): string[] => (value === undefined || value === null ? [] : [value]);
const same = (value: string) => value;

/** Compared whole, ignoring case (device states, group names, location tags). */
const word = (facts: (subject: Subject) => readonly string[]): FactDimension<string, string> => ({
  parse: (value) => value.toLowerCase(),
  facts,
  matches: (matcher, fact) => fact.toLowerCase() === matcher,
  show: same,
});

/** Matched by a glob (see glob.ts). */
const glob = (facts: (subject: Subject) => readonly string[], check?: (value: string) => string | null): FactDimension<Glob, string> => ({
  parse: (value) => {
    const problem = check?.(value);
    return problem ? { problem } : compileGlob(value);
  },
  facts,
  matches: (matcher, fact) => matcher.matches(fact),
  show: same,
});

export const FACT_DIMENSIONS: { readonly [D in FactDimensionName]: FactDimension<unknown, unknown> } = {
  activity: {
    parse: (value) => (ACTIVITIES.includes(value) ? value : { problem: `is not an activity (${ACTIVITIES.join(', ')})${didYouMean(value, ACTIVITIES)}` }),
    facts: ({ activity }) => [activity],
    matches: (matcher, fact) => matcher === fact,
    show: same,
  } satisfies FactDimension<string, string>,
  device: word(({ session }) => present(session.device)),
  user: glob(({ session }) => present(session.user)),
  group: word(({ session }) => session.groups ?? []),
  ip: {
    parse: (value) => parseIpRange(value) ?? { problem: 'is not an IP address or CIDR range' },
    facts: ({ clientAddress }) => (clientAddress === null ? [] : [clientAddress]),
    matches: (range, address) => range.contains(address),
    show: (address) => address.address.toString(),
  } satisfies FactDimension<IpRange, ClientAddress>,
  location: word(({ session }) => session.location ?? []),
  userAgent: glob(({ session }) => present(session.userAgent)),
  fileName: glob(ofFile((file) => [file.name])),
  fileExtension: {
    // `.docx` and `DOCX` are `docx`; a file without an extension has none to match.
    parse: (value) => {
      const ext = value.replace(/^\./, '').toLowerCase();
      if (ext === '') return { problem: 'is empty' };
      if (ext.includes('.')) return { problem: `is not an extension (the part after the last dot): write ${JSON.stringify(ext.slice(ext.lastIndexOf('.') + 1))}, or a fileName glob ${JSON.stringify(`*.${ext}`)}` };
      return ext;
    },
    facts: ofFile((file) => present(file.extension === '' ? null : file.extension)),
    matches: (matcher, fact) => fact.toLowerCase() === matcher,
    show: same,
  } satisfies FactDimension<string, string>,
  // The declared type and the sniffed one both count: a file matches when either does.
  contentType: glob(
    ofFile((file) => [...new Set([file.declaredType, file.sniffedType].filter((t): t is string => t !== null).map((t) => t.toLowerCase()))]),
    (value) => (value.includes('/') ? null : `is not a MIME type pattern (type/subtype: application/pdf, application/*)`),
  ),
};
