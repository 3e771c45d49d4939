import { describe, expect, it } from 'vitest';
import { checkPolicy, loadPolicy, PolicyError } from '../../../src/files/policy/index.js';

const GUID = '3f2a9d0e-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const withRule = (rule: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ ...extra, rules: [{ name: 'R', match: {}, action: 'block', ...rule }] });
const withMatch = (match: Record<string, unknown>) => withRule({ match });

/** The DESIGN.md example, which must load as written. */
const DESIGN_EXAMPLE = {
  default: 'allow',
  rules: [
    {
      name: 'No office files on unmanaged devices',
      match: {
        device: ['unmanaged'], fileExtension: ['docx', 'xlsx', 'pptx'], fileName: ['*secret*'], contentType: ['application/pdf'],
        ip: ['203.0.113.0/24'], location: ['!corporate'], label: ['Confidential'], content: ['\\b\\d{3}-\\d{2}-\\d{4}\\b'],
      },
      action: 'block',
      message: 'Downloads of this file are restricted.',
    },
  ],
};

describe('checkPolicy', () => {
  it('finds nothing wrong with a valid policy (the DESIGN.md example, and every field)', () => {
    expect(checkPolicy(DESIGN_EXAMPLE)).toEqual([]);
    expect(
      checkPolicy({
        default: { action: 'monitor', message: 'Watched.', protect: { with: 'openpgp' } },
        decide: 'strictest',
        labels: { Confidential: GUID, Public: { id: `{${GUID.replace('3f', '4f').toUpperCase()}}`, siteId: GUID } },
        limits: { governedBytes: 1, inspectBytes: 2, inspectChars: 3, archiveDepth: 4, archiveExpandedBytes: 5 },
        cannotInspect: 'protect',
        cannotProtect: 'monitor',
        protect: { with: 'label', label: 'Confidential' },
        rules: [{ name: 'all', match: { activity: ['upload'], user: ['*'], group: ['g'], userAgent: ['*'], fileSize: { min: 0, max: 0 } }, action: 'protect', protect: { with: 'label', label: GUID } }],
      }),
    ).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    // The shape (ajv).
    ['not an object', [], ['policy: must be a JSON object, not an empty list']],
    ['no rules', {}, ['policy: missing "rules"']],
    ['an unknown key, with the key meant', { rules: [], rule: [] }, ['rule: unknown key (did you mean "rules"?)']],
    ['an unknown dimension, with the one meant', withMatch({ filename: ['x'] }), ['rules[0].match.filename: unknown key (did you mean "fileName"?)']],
    ['an unknown dimension, a part of a known one', withMatch({ extension: ['x'] }), ['rules[0].match.extension: unknown key (did you mean "fileExtension"?)']],
    ['an unknown key with nothing close', withRule({ colour: 'red' }), ['rules[0].colour: unknown key']],
    ['a string for a list', withMatch({ device: 'unmanaged' }), ['rules[0].match.device: must be a non-empty list of strings, not "unmanaged"']],
    ['an empty list', withMatch({ device: [] }), ['rules[0].match.device: must be a non-empty list of strings, not an empty list']],
    ['a number in a list', withMatch({ group: ['a', 7] }), ['rules[0].match.group[1]: must be a string, not 7']],
    ['an unknown action', withRule({ action: 'deny' }), ['rules[0].action: "deny" is not one of allow, monitor, protect, block']],
    ['a misspelt action', withRule({ action: 'blokc' }), ['rules[0].action: "blokc" is not one of allow, monitor, protect, block (did you mean "block"?)']],
    ['an unknown decide', { decide: 'strict', rules: [] }, ['decide: "strict" is not one of first, strictest (did you mean "strictest"?)']],
    ['an unknown cannotInspect', { cannotInspect: 'skip', rules: [] }, ['cannotInspect: "skip" is not one of rule, allow, monitor, protect, block']],
    ['protect is no cannotProtect action', { cannotProtect: 'protect', rules: [] }, ['cannotProtect: "protect" is not one of allow, monitor, block']],
    ['a limit that is not a positive integer', { limits: { inspectChars: 0, governedBytes: 1.5, archiveDepth: '3' }, rules: [] }, [
      'limits.governedBytes: must be a positive integer, not 1.5',
      'limits.inspectChars: must be a positive integer, not 0',
      'limits.archiveDepth: must be a positive integer, not "3"',
    ]],
    ['an unknown limit', { limits: { maxChars: 5 }, rules: [] }, ['limits.maxChars: unknown key']],
    ['a rule without name, match or action', { rules: [{}] }, ['rules[0]: missing "name"', 'rules[0]: missing "match"', 'rules[0]: missing "action"']],
    ['an empty rule name', withRule({ name: '' }), ['rules[0].name: must be a non-empty string, not ""']],
    ['a protect without a protector', withRule({ protect: { label: GUID } }), ['rules[0].protect: missing "with"']],
    ['a default that is neither an action nor an object', { default: 5, rules: [] }, ['default: must be an action or an object { "action", "message"?, "protect"? }, not 5']],
    ['a default object without an action', { default: { message: 'x' }, rules: [] }, ['default: missing "action"']],
    ['a fileSize without min or max', withMatch({ fileSize: {} }), ['rules[0].match.fileSize: give at least one of "min", "max"']],
    ['a negative fileSize', withMatch({ fileSize: { min: -1 } }), ['rules[0].match.fileSize.min: must be a number of bytes (an integer, 0 or more), not -1']],
    ['a label map value that is neither a GUID string nor an object', { labels: { A: 1 }, rules: [] }, ['labels.A: must be a GUID or an object { "id", "siteId"? }, not 1']],
    // The values (our checks).
    ['a CIDR prefix too long', withMatch({ ip: ['10.0.0.0/33'] }), ['rules[0].match.ip[0]: "10.0.0.0/33" is not an IP address or CIDR range']],
    ['a short IPv4 form', withMatch({ ip: ['!10.1'] }), ['rules[0].match.ip[0]: "!10.1" is not an IP address or CIDR range']],
    ['an IPv6 range with a zone', withMatch({ ip: ['fe80::/10%eth0'] }), ['rules[0].match.ip[0]: "fe80::/10%eth0" is not an IP address or CIDR range']],
    ['an unknown activity', withMatch({ activity: ['downlaod'] }), ['rules[0].match.activity[0]: "downlaod" is not an activity (download, upload, copy, cut, paste, print) (did you mean "download"?)']],
    ['a mistyped session activity', withMatch({ activity: ['past', '!prnt'] }), [
      'rules[0].match.activity[0]: "past" is not an activity (download, upload, copy, cut, paste, print) (did you mean "paste"?)',
      'rules[0].match.activity[1]: "!prnt" is not an activity (download, upload, copy, cut, paste, print) (did you mean "print"?)',
    ]],
    ['protect asked of a session activity', withRule({ action: 'protect', match: { activity: ['download', 'copy', '!print'] } }), [
      'rules[0].match.activity[1]: "copy" has no file to protect: "protect" applies to downloads and uploads (give copy a rule with "block" or "monitor")',
    ]],
    ['an empty value', withMatch({ location: [''] }), ['rules[0].match.location[0]: "" is empty']],
    ['a bare "!"', withMatch({ device: ['!'] }), ['rules[0].match.device[0]: "!" is empty']],
    ['a glob with an unclosed bracket', withMatch({ fileName: ['[abc*.pdf'] }), ['rules[0].match.fileName[0]: "[abc*.pdf" has an unclosed "[" (write "\\[" for a literal bracket)']],
    ['a glob with an unclosed brace', withMatch({ user: ['{alice,bob@x.com'] }), ['rules[0].match.user[0]: "{alice,bob@x.com" has an unclosed "{" (write "\\{" for a literal brace)']],
    ['a glob ending in a backslash', withMatch({ userAgent: ['Mozilla\\'] }), ['rules[0].match.userAgent[0]: "Mozilla\\\\" ends with a lone "\\" (write "\\\\" for a backslash)']],
    ['a glob with a reversed range', withMatch({ fileName: ['[z-a]*'] }), ['rules[0].match.fileName[0]: "[z-a]*" has a reversed range "z-a"']],
    ['a glob with an unknown class', withMatch({ fileName: ['[[:letter:]]*'] }), [
      'rules[0].match.fileName[0]: "[[:letter:]]*" has an unknown character class "[:letter...", known: alnum, alpha, ascii, blank, cntrl, digit, graph, lower, print, punct, space, upper, word, xdigit',
    ]],
    ['an extension with a dot inside', withMatch({ fileExtension: ['tar.gz'] }), ['rules[0].match.fileExtension[0]: "tar.gz" is not an extension (the part after the last dot): write "gz", or a fileName glob "*.tar.gz"']],
    ['a content type without a slash', withMatch({ contentType: ['pdf'] }), ['rules[0].match.contentType[0]: "pdf" is not a MIME type pattern (type/subtype: application/pdf, application/*)']],
    ['a regular expression that does not parse', withMatch({ content: ['[0-9'] }), ['rules[0].match.content[0]: "[0-9" is not a valid regular expression: missing closing ] at "[0-9"']],
    ['a backreference', withMatch({ content: ['(a)\\1'] }), ['rules[0].match.content[0]: "(a)\\\\1" uses a backreference (\\1), which linear-time matching (RE2) does not support']],
    ['a named backreference', withMatch({ content: ['(?<w>a)\\k<w>'] }), ['rules[0].match.content[0]: "(?<w>a)\\\\k<w>" uses a named backreference (\\k<…>), which linear-time matching (RE2) does not support']],
    ['a lookahead', withMatch({ content: ['a(?=b)'] }), ['rules[0].match.content[0]: "a(?=b)" uses a lookahead ((?=…), which linear-time matching (RE2) does not support']],
    ['a negative lookahead', withMatch({ content: ['!(?!x)y'] }), ['rules[0].match.content[0]: "!(?!x)y" uses a lookahead ((?!…), which linear-time matching (RE2) does not support']],
    ['a lookbehind', withMatch({ content: ['(?<=\\$)\\d+'] }), ['rules[0].match.content[0]: "(?<=\\\\$)\\\\d+" uses a lookbehind ((?<=…), which linear-time matching (RE2) does not support']],
    ['a JavaScript \\u escape', withMatch({ content: ['caf\\u00e9'] }), ['rules[0].match.content[0]: "caf\\\\u00e9" uses \\u, which RE2 syntax does not have: write \\x{00e9} for a code point']],
    ['an empty content pattern', withMatch({ content: [''] }), ['rules[0].match.content[0]: "" is empty']],
    ['min more than max', withMatch({ fileSize: { min: 10, max: 5 } }), ['rules[0].match.fileSize: "min" (10) is more than "max" (5)']],
    ['two rules with one name', { rules: [{ name: 'A', match: {}, action: 'allow' }, { name: 'B', match: {}, action: 'allow' }, { name: 'A', match: {}, action: 'block' }] }, ['rules[2].name: "A" is already the name of rules[0]']],
    ['a protect label neither named nor a GUID', withRule({ action: 'protect', protect: { with: 'label', label: 'Secret' } }, { labels: { Confidential: GUID } }), ['rules[0].protect.label: "Secret" is neither a name in "labels" nor a GUID']],
    ['a default protect label neither named nor a GUID', { protect: { with: 'label', label: 'Secret' }, rules: [] }, ['protect.label: "Secret" is neither a name in "labels" nor a GUID']],
    ['a label map value that is not a GUID', { labels: { Confidential: 'abc' }, rules: [] }, ['labels.Confidential: "abc" is not a GUID (like 3f2a9d0e-1b2c-4d5e-8f90-a1b2c3d4e5f6)']],
    ['a label map id and siteId that are not GUIDs', { labels: { 'Highly Confidential': { id: 'x', siteId: 'y' } }, rules: [] }, [
      'labels["Highly Confidential"].id: "x" is not a GUID (like 3f2a9d0e-1b2c-4d5e-8f90-a1b2c3d4e5f6)',
      'labels["Highly Confidential"].siteId: "y" is not a GUID',
    ]],
    ['a label name that is a GUID', { labels: { [GUID]: GUID }, rules: [] }, [`labels["${GUID}"]: a label name cannot be a GUID (a "label" value that is a GUID is read as a GUID)`]],
    ['a label name given twice in different case', { labels: { Secret: GUID, SECRET: GUID.replace('3f', '4f') }, rules: [] }, ['labels.SECRET: is the same name as "Secret" (label names compare ignoring case)']],
    ['a GUID named twice', { labels: { Secret: GUID, Restricted: GUID }, rules: [] }, [`labels.Restricted: ${GUID} is also the GUID of "Secret"`]],
  ])('%s', (_, policy, lines) => {
    expect(checkPolicy(policy)).toEqual(lines);
  });

  it('reports every problem at once, shape and values', () => {
    const problems = checkPolicy({
      decide: 'strict',
      rules: [
        { name: 'a', match: { ip: ['10.0.0.0/33'], devce: ['x'], content: ['(a)\\1'] }, action: 'deny' },
        { name: 'a', match: { fileName: ['['] }, action: 'allow' },
      ],
    });
    expect(problems).toEqual([
      'decide: "strict" is not one of first, strictest (did you mean "strictest"?)',
      'rules[0].match.devce: unknown key (did you mean "device"?)',
      'rules[0].action: "deny" is not one of allow, monitor, protect, block',
      'rules[0].match.ip[0]: "10.0.0.0/33" is not an IP address or CIDR range',
      'rules[0].match.content[0]: "(a)\\\\1" uses a backreference (\\1), which linear-time matching (RE2) does not support',
      'rules[1].name: "a" is already the name of rules[0]',
      'rules[1].match.fileName[0]: "[" has an unclosed "[" (write "\\[" for a literal bracket)',
    ]);
  });
});

describe('loadPolicy', () => {
  it('throws a PolicyError naming the first problem and counting the rest', () => {
    const load = () => loadPolicy({ decide: 'strict', rules: [{ name: 'a', match: { ip: ['x'] }, action: 'deny' }] });
    expect(load).toThrow(PolicyError);
    try {
      load();
    } catch (err) {
      expect((err as PolicyError).message).toBe('policy: decide: "strict" is not one of first, strictest (did you mean "strictest"?) (and 2 more problems)');
      expect((err as PolicyError).problems).toHaveLength(3);
    }
  });

  it('gives the defaults for what the policy leaves out', () => {
    const policy = loadPolicy({ rules: [{ name: 'a', match: {}, action: 'allow' }, { name: 'b', match: {}, action: 'block' }] });
    expect({ ...policy }).toEqual({ decide: 'first', limits: {}, cannotInspect: 'rule', cannotProtect: 'block', labels: [], rules: ['a', 'b'], defaultProtect: undefined });
  });

  it('exposes what the policy sets', () => {
    const policy = loadPolicy({ decide: 'strictest', limits: { inspectChars: 500 }, cannotInspect: 'block', cannotProtect: 'monitor', protect: { with: 'openpgp' }, rules: [] });
    expect(policy).toMatchObject({ decide: 'strictest', limits: { inspectChars: 500 }, cannotInspect: 'block', cannotProtect: 'monitor', defaultProtect: { with: 'openpgp' } });
  });
});
