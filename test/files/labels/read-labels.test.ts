import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { UnreadableFileError } from '../../../src/files/file-facts.js';
import { readLabels } from '../../../src/files/labels/index.js';
import { CONFIDENTIAL, fixture, GENERAL, HIGHLY, SITE } from './fixtures.js';
import { minimalPdf } from './pdf-builder.js';

async function unreadableReason(bytes: Uint8Array): Promise<string> {
  try {
    await readLabels(bytes);
  } catch (err) {
    if (err instanceof UnreadableFileError) return err.reason;
    throw err;
  }
  return 'read';
}

/** A LibreOffice-made package with parts added and replaced by hand (fflate, not the stamper). */
function withParts(base: string, parts: Record<string, string>): Uint8Array {
  const entries = unzipSync(fixture(base));
  for (const [name, xml] of Object.entries(parts)) entries[name] = strToU8(xml);
  return zipSync(entries);
}

const LABELINFO_REL = 'http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels';
const rels = (target: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId9" Type="${LABELINFO_REL}" Target="${target}"/></Relationships>`;
const labelInfo = (labels: string) =>
  `<?xml version="1.0" encoding="utf-8" standalone="yes"?><clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">${labels}</clbl:labelList>`;

describe('readLabels on Office files', () => {
  it.each(['report.docx', 'budget.xlsx', 'slides.pptx'])('finds no label in the plain %s', async (name) => {
    expect(await readLabels(fixture(name))).toEqual([]);
  });

  it('reads a label from LabelInfo.xml alone (GUIDs only, no name)', async () => {
    expect(await readLabels(fixture('labelled-labelinfo.docx'))).toEqual([
      { id: CONFIDENTIAL.id, enabled: true, source: 'labelinfo', siteId: SITE, method: 'Standard' },
    ]);
  });

  it('reads the labels of the custom properties, enabled and not', async () => {
    expect(await readLabels(fixture('labelled-custom.xlsx'))).toEqual([
      { id: GENERAL.id, name: 'General', enabled: true, source: 'custom-properties', siteId: SITE, method: 'Standard' },
      { id: CONFIDENTIAL.id, name: 'Confidential', enabled: false, source: 'custom-properties', siteId: SITE, method: 'Privileged' },
    ]);
  });

  it('takes LabelInfo.xml over the custom properties when they name different labels', async () => {
    const labels = await readLabels(fixture('labelled-both.pptx'));
    expect(labels).toEqual([{ id: HIGHLY.id, enabled: true, source: 'labelinfo', siteId: SITE, method: 'Privileged' }]);
    expect(labels.some((l) => l.id === GENERAL.id)).toBe(false);
  });

  it('adds the name from the custom properties for the same GUID as LabelInfo.xml', async () => {
    const custom =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_${CONFIDENTIAL.id}_Name"><vt:lpwstr>Confidential</vt:lpwstr></property></Properties>`;
    const bytes = withParts('labelled-labelinfo.docx', { 'docProps/custom.xml': custom });
    expect(await readLabels(bytes)).toEqual([
      { id: CONFIDENTIAL.id, name: 'Confidential', enabled: true, source: 'labelinfo', siteId: SITE, method: 'Standard' },
    ]);
  });

  it('finds LabelInfo.xml wherever the package relationship points, GUIDs in any case', async () => {
    const bytes = withParts('report.docx', {
      '_rels/.rels': rels('/meta/Labels.xml'),
      'meta/Labels.xml': labelInfo(`<clbl:label id="{${CONFIDENTIAL.id.toUpperCase()}}" enabled="1" method="Standard" siteId="{${SITE}}" removed="0"/>`),
    });
    expect((await readLabels(bytes)).map((l) => [l.id, l.enabled])).toEqual([[CONFIDENTIAL.id, true]]);
  });

  it('counts a label marked removed, or not enabled, as not enabled', async () => {
    const bytes = withParts('report.docx', {
      'docMetadata/LabelInfo.xml': labelInfo(
        `<clbl:label id="{${CONFIDENTIAL.id}}" enabled="1" method="Standard" siteId="{${SITE}}" removed="1"/>` +
          `<clbl:label id="{${GENERAL.id}}" enabled="0" method="Standard" siteId="{${SITE}}" removed="0"/>`,
      ),
    });
    expect((await readLabels(bytes)).map((l) => [l.id, l.enabled])).toEqual([
      [CONFIDENTIAL.id, false],
      [GENERAL.id, false],
    ]);
  });

  it('lets an empty LabelInfo.xml answer "no label" even when custom properties name one', async () => {
    const labelled = unzipSync(fixture('labelled-custom.xlsx'));
    labelled['docMetadata/LabelInfo.xml'] = strToU8(labelInfo(''));
    expect(await readLabels(zipSync(labelled))).toEqual([]);
  });

  it('finds no label in a zip that is not an Office package, a CSV, or a legacy binary Word file', async () => {
    expect(await readLabels(fixture('docs.zip'))).toEqual([]);
    expect(await readLabels(fixture('data.csv'))).toEqual([]);
    expect(await readLabels(fixture('legacy.doc'))).toEqual([]);
    expect(await readLabels(new Uint8Array(0))).toEqual([]);
  });

  it('reports a password-protected document as encrypted', async () => {
    expect(await unreadableReason(fixture('encrypted.docx'))).toBe('encrypted');
  });

  it('reports a truncated package, a truncated compound file and broken metadata XML as corrupt', async () => {
    expect(await unreadableReason(fixture('corrupt.docx'))).toBe('corrupt');
    expect(await unreadableReason(fixture('encrypted.docx').subarray(0, 700))).toBe('corrupt');
    const broken = withParts('report.docx', { 'docMetadata/LabelInfo.xml': '<clbl:labelList xmlns:clbl="x"><clbl:label' });
    expect(await unreadableReason(broken)).toBe('corrupt');
    const doctype = withParts('report.docx', { 'docProps/custom.xml': '<!DOCTYPE x [<!ENTITY a "b">]><Properties/>' });
    expect(await unreadableReason(doctype)).toBe('corrupt');
  });
});

describe('readLabels on PDFs', () => {
  it('reads the MSIP_Label keys of the Info dictionary', async () => {
    expect(await readLabels(fixture('labelled.pdf'))).toEqual([
      { id: CONFIDENTIAL.id, name: 'Confidential', enabled: true, source: 'pdf-info', siteId: SITE, method: 'Standard' },
    ]);
  });

  it('reads the MSIP_Label properties of the XMP metadata', async () => {
    expect(await readLabels(fixture('labelled-xmp.pdf'))).toEqual([
      { id: HIGHLY.id, name: 'Highly Confidential', enabled: true, source: 'pdf-xmp', siteId: SITE, method: 'Privileged' },
    ]);
  });

  it('reads XMP properties written as attributes, and Info values written as names', async () => {
    const xmp =
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
      `<rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/" pdfx:MSIP_Label_${GENERAL.id}_Enabled="true" pdfx:MSIP_Label_${GENERAL.id}_Name="General"/>` +
      `</rdf:RDF></x:xmpmeta>`;
    const info = `/MSIP_Label_${HIGHLY.id}_Enabled /true /MSIP_Label_${HIGHLY.id}_Method /Privileged`;
    const labels = await readLabels(minimalPdf({ xmp, info }));
    expect(labels).toEqual([
      { id: HIGHLY.id, enabled: true, source: 'pdf-info', method: 'Privileged' },
      { id: GENERAL.id, name: 'General', enabled: true, source: 'pdf-xmp' },
    ]);
  });

  it('prefers the Info dictionary when Info and XMP name the same label', async () => {
    const xmp =
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">` +
      `<pdfx:MSIP_Label_${GENERAL.id}_Enabled>false</pdfx:MSIP_Label_${GENERAL.id}_Enabled></rdf:Description></rdf:RDF></x:xmpmeta>`;
    const labels = await readLabels(minimalPdf({ xmp, info: `/MSIP_Label_${GENERAL.id}_Enabled (true)` }));
    expect(labels).toEqual([{ id: GENERAL.id, enabled: true, source: 'pdf-info' }]);
  });

  it('ignores XMP that is not well-formed, and finds no label in a PDF without keys', async () => {
    expect(await readLabels(minimalPdf({ xmp: '<x:xmpmeta><rdf:RDF>' }))).toEqual([]);
    expect(await readLabels(fixture('text.pdf'))).toEqual([]);
  });

  it('leaves the caller its bytes (pdf.js gets a copy)', async () => {
    const bytes = fixture('labelled.pdf');
    const length = bytes.length;
    await readLabels(bytes);
    expect(bytes.length).toBe(length);
    expect(bytes.buffer.byteLength).toBeGreaterThanOrEqual(length);
  });

  it('reports a PDF that needs a password as encrypted, and a broken one as corrupt', async () => {
    expect(await unreadableReason(fixture('encrypted.pdf'))).toBe('encrypted');
    expect(await unreadableReason(strToU8('%PDF-1.7\nthis is not a PDF body'))).toBe('corrupt');
  });
});
