import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { CannotProtectError } from '../../../src/files/protector.js';
import { readLabels, stampLabel } from '../../../src/files/labels/index.js';
import { CONFIDENTIAL, elementsOf, entriesOf, fixture, SITE, textEntry } from './fixtures.js';

const SECRET = { name: 'Secret', id: '{0F1E2D3C-4B5A-4697-8899-AABBCCDDEEFF}', siteId: SITE };
const SECRET_ID = '0f1e2d3c-4b5a-4697-8899-aabbccddeeff';
const NOW = new Date('2024-05-06T07:08:09.123Z');

const CT_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
const LABELINFO_REL = 'http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels';
const CUSTOM_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';

function customProperties(zip: Uint8Array): Array<{ name: string; pid: number; value: string }> {
  return elementsOf(textEntry(zip, 'docProps/custom.xml'))
    .filter((e) => e.name === 'property')
    .map((p) => ({ name: p.attributes.name, pid: Number(p.attributes.pid), value: p.text }));
}

/** ECMA-376 part 2: every part has a content type (Override, or Default by extension), every Override names a part. */
function expectValidPackage(zip: Uint8Array): void {
  const entries = entriesOf(zip);
  const types = elementsOf(strFromU8(entries['[Content_Types].xml']));
  expect(types[0]).toMatchObject({ name: 'Types', attributes: { xmlns: CT_NS } });
  const overrides = new Set(types.filter((t) => t.name === 'Override').map((t) => t.attributes.PartName.toLowerCase()));
  const defaults = new Set(types.filter((t) => t.name === 'Default').map((t) => t.attributes.Extension.toLowerCase()));
  for (const name of Object.keys(entries)) {
    if (name === '[Content_Types].xml' || name.endsWith('/')) continue;
    const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    expect(overrides.has(`/${name.toLowerCase()}`) || defaults.has(extension), `${name} has a content type`).toBe(true);
  }
  for (const part of overrides) expect(Object.keys(entries).map((n) => `/${n.toLowerCase()}`)).toContain(part);
  const rels = elementsOf(strFromU8(entries['_rels/.rels'])).filter((r) => r.name === 'Relationship');
  expect(new Set(rels.map((r) => r.attributes.Id)).size).toBe(rels.length);
  for (const rel of rels) expect(Object.keys(entries)).toContain(rel.attributes.Target.replace(/^\//, ''));
}

describe('stampLabel', () => {
  it.each(['report.docx', 'budget.xlsx', 'slides.pptx'])('stamps %s so the reader and an independent parse see the label in both places', async (name) => {
    const original = fixture(name);
    const stamped = stampLabel(original, SECRET, { now: NOW });

    expect(await readLabels(stamped)).toEqual([
      { id: SECRET_ID, name: 'Secret', enabled: true, source: 'labelinfo', siteId: SITE, method: 'Standard' },
    ]);

    const label = elementsOf(textEntry(stamped, 'docMetadata/LabelInfo.xml'));
    expect(label[0]).toMatchObject({ name: 'clbl:labelList', attributes: { 'xmlns:clbl': 'http://schemas.microsoft.com/office/2020/mipLabelMetadata' } });
    expect(label[1]).toMatchObject({
      name: 'clbl:label',
      attributes: { id: `{${SECRET_ID}}`, enabled: '1', method: 'Standard', siteId: `{${SITE}}`, removed: '0' },
    });

    const props = customProperties(stamped);
    const byName = Object.fromEntries(props.map((p) => [p.name, p.value]));
    expect(byName).toMatchObject({
      [`MSIP_Label_${SECRET_ID}_Enabled`]: 'true',
      [`MSIP_Label_${SECRET_ID}_SetDate`]: '2024-05-06T07:08:09Z',
      [`MSIP_Label_${SECRET_ID}_Method`]: 'Standard',
      [`MSIP_Label_${SECRET_ID}_Name`]: 'Secret',
      [`MSIP_Label_${SECRET_ID}_SiteId`]: SITE,
      [`MSIP_Label_${SECRET_ID}_ContentBits`]: '0',
    });
    expect(byName[`MSIP_Label_${SECRET_ID}_ActionId`]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(props.map((p) => p.pid)).toEqual([2, 3, 4, 5, 6, 7, 8]);

    const rels = elementsOf(textEntry(stamped, '_rels/.rels')).filter((r) => r.name === 'Relationship');
    expect(rels.filter((r) => r.attributes.Type === LABELINFO_REL).map((r) => r.attributes.Target)).toEqual(['docMetadata/LabelInfo.xml']);
    expect(rels.filter((r) => r.attributes.Type === CUSTOM_REL).map((r) => r.attributes.Target)).toEqual(['docProps/custom.xml']);
    const overrides = elementsOf(textEntry(stamped, '[Content_Types].xml')).filter((t) => t.name === 'Override');
    expect(overrides).toContainEqual({ name: 'Override', text: '', attributes: { PartName: '/docMetadata/LabelInfo.xml', ContentType: 'application/vnd.ms-office.classificationlabels+xml' } });
    expectValidPackage(stamped);

    // Every part that was not edited is carried over unchanged.
    const before = unzipSync(original);
    const after = unzipSync(stamped);
    for (const [part, data] of Object.entries(before)) {
      if (['[Content_Types].xml', '_rels/.rels'].includes(part)) continue;
      expect(after[part], part).toEqual(data);
    }
  });

  it('keeps existing custom properties and their pids, numbering the label after them', async () => {
    const entries = unzipSync(fixture('report.docx'));
    entries['docProps/custom.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Project"><vt:lpwstr>Apollo &amp; co</vt:lpwstr></property>` +
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="5" name="Reviewed"><vt:bool>true</vt:bool></property></Properties>`,
    );
    const rels = strFromU8(entries['_rels/.rels']).replace('</Relationships>', `<Relationship Id="rId4" Type="${CUSTOM_REL}" Target="docProps/custom.xml"/></Relationships>`);
    entries['_rels/.rels'] = strToU8(rels);
    const types = strFromU8(entries['[Content_Types].xml']).replace(
      '</Types>',
      '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    );
    entries['[Content_Types].xml'] = strToU8(types);

    const stamped = stampLabel(zipSync(entries), SECRET, { now: NOW });
    const xml = textEntry(stamped, 'docProps/custom.xml');
    expect(xml).toContain('<vt:lpwstr>Apollo &amp; co</vt:lpwstr>');
    expect(xml).toContain('<vt:bool>true</vt:bool>');
    const pids = elementsOf(xml).filter((e) => e.name === 'property').map((e) => [e.attributes.name, Number(e.attributes.pid)]);
    expect(pids.slice(0, 2)).toEqual([['Project', 2], ['Reviewed', 5]]);
    expect(pids.slice(2).map(([, pid]) => pid)).toEqual([6, 7, 8, 9, 10, 11, 12]);
    // Not a second relationship or override for the part that was there.
    expect(elementsOf(textEntry(stamped, '_rels/.rels')).filter((r) => r.attributes.Type === CUSTOM_REL)).toHaveLength(1);
    expect(elementsOf(textEntry(stamped, '[Content_Types].xml')).filter((t) => t.attributes.PartName === '/docProps/custom.xml')).toHaveLength(1);
    expectValidPackage(stamped);
  });

  it('replaces the properties of a disabled label of the same GUID, and writes into an existing LabelInfo.xml', async () => {
    const entries = unzipSync(fixture('labelled-custom.xlsx'));
    // Disable General (the enabled label) by hand, so the file carries no enabled label.
    entries['docProps/custom.xml'] = strToU8(
      strFromU8(entries['docProps/custom.xml']).replace(/(_Enabled"><vt:lpwstr>)true/, '$1false'),
    );
    entries['docMetadata/LabelInfo.xml'] = strToU8(
      '<?xml version="1.0" encoding="utf-8" standalone="yes"?><clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata"/>',
    );
    const unlabelled = zipSync(entries);
    expect((await readLabels(unlabelled)).filter((l) => l.enabled)).toEqual([]);

    const stamped = stampLabel(unlabelled, { name: 'Confidential', id: CONFIDENTIAL.id, siteId: SITE }, { now: NOW, method: 'Privileged' });
    expect(await readLabels(stamped)).toEqual([
      { id: CONFIDENTIAL.id, name: 'Confidential', enabled: true, source: 'labelinfo', siteId: SITE, method: 'Privileged' },
    ]);
    const props = customProperties(stamped);
    expect(props.filter((p) => p.name === `MSIP_Label_${CONFIDENTIAL.id}_Enabled`).map((p) => p.value)).toEqual(['true']);
    expect(props.filter((p) => p.name === `MSIP_Label_${CONFIDENTIAL.id}_Method`).map((p) => p.value)).toEqual(['Privileged']);
    expect(new Set(props.map((p) => p.pid)).size).toBe(props.length);
    expect(Object.keys(entriesOf(stamped)).filter((n) => n.toLowerCase() === 'docmetadata/labelinfo.xml')).toHaveLength(1);
    expectValidPackage(stamped);
  });

  it.each(['labelled-labelinfo.docx', 'labelled-custom.xlsx', 'labelled-both.pptx'])('does not relabel %s, which carries an enabled label', (name) => {
    expect(() => stampLabel(fixture(name), SECRET)).toThrow(CannotProtectError);
  });

  it.each(['text.pdf', 'data.csv', 'docs.zip', 'encrypted.docx', 'corrupt.docx', 'legacy.doc'])('cannot label %s', (name) => {
    expect(() => stampLabel(fixture(name), SECRET)).toThrow(CannotProtectError);
  });

  it('refuses a label whose id or site id is not a GUID', () => {
    expect(() => stampLabel(fixture('report.docx'), { name: 'x', id: 'not-a-guid' })).toThrow(CannotProtectError);
    expect(() => stampLabel(fixture('report.docx'), { name: 'x', id: SECRET_ID, siteId: 'tenant' })).toThrow(CannotProtectError);
  });
});

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p)) ?? null;
const run = promisify(execFile);

describe.skipIf(soffice === null)('a stamped file in LibreOffice (skipped: soffice is not installed)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spr-stamp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const convert = async (file: string, to: string) => {
    // A profile of its own, so a LibreOffice already running elsewhere does not take the job.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await run(soffice as string, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', dir, file], { timeout: 90_000 });
  };

  it('opens the stamped docx with its text and sees the label custom properties', async () => {
    const path = join(dir, 'stamped.docx');
    writeFileSync(path, stampLabel(fixture('report.docx'), SECRET, { now: NOW }));
    await convert(path, 'txt:Text');
    const text = readFileSync(join(dir, 'stamped.txt'), 'utf8');
    expect(text).toContain('Quarterly revenue');
    expect(text).toContain('123-45-6789');
    await convert(path, 'odt');
    const meta = strFromU8(unzipSync(new Uint8Array(readFileSync(join(dir, 'stamped.odt'))))['meta.xml']);
    const userDefined = elementsOf(meta).filter((e) => e.name === 'meta:user-defined').map((e) => e.attributes['meta:name']);
    expect(userDefined).toContain(`MSIP_Label_${SECRET_ID}_Name`);
    expect(userDefined).toContain(`MSIP_Label_${SECRET_ID}_Enabled`);
  });
});
