import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../../../src/files/file-facts.js';
import { CannotProtectError } from '../../../src/files/protector.js';
import { labelProtector, readLabels } from '../../../src/files/labels/index.js';
import { CONFIDENTIAL, fixture, GENERAL, SITE } from './fixtures.js';

const LABELS = [
  { name: 'Confidential', id: CONFIDENTIAL.id, siteId: SITE },
  { name: 'General', id: `{${GENERAL.id.toUpperCase()}}` },
];

function facts(name: string, declaredType: string | null = null): FileFacts {
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  return { activity: 'download', name, extension, declaredType, sniffedType: null, size: null, partial: false, url: `https://app.example.com/files/${name}`, appHost: 'app.example.com' };
}

/** The bytes as a stream of small chunks, recording whether the consumer cancelled it. */
function chunked(bytes: Uint8Array, size = 1000): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let at = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('labelProtector', () => {
  it('stamps the named label (any case) into a streamed docx, same name, the OOXML type', async () => {
    const protector = labelProtector({ labels: LABELS });
    const out = await protector.protect(facts('report.docx'), chunked(fixture('report.docx')).stream, { with: 'label', label: 'confidential' });
    expect(out.name).toBe('report.docx');
    expect(out.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(await readLabels(await collect(out.body))).toEqual([
      { id: CONFIDENTIAL.id, name: 'Confidential', enabled: true, source: 'labelinfo', siteId: SITE, method: 'Standard' },
    ]);
  });

  it('finds a label by GUID, keeps the declared type, and writes the zero tenant when none is defined', async () => {
    const protector = labelProtector({ labels: LABELS });
    const out = await protector.protect(facts('budget.xlsx', 'application/octet-stream'), chunked(fixture('budget.xlsx')).stream, {
      with: 'label',
      label: GENERAL.id,
    });
    expect(out.contentType).toBe('application/octet-stream');
    expect(await readLabels(await collect(out.body))).toEqual([
      { id: GENERAL.id, name: 'General', enabled: true, source: 'labelinfo', siteId: '00000000-0000-0000-0000-000000000000', method: 'Standard' },
    ]);
  });

  it('cannot protect with a label it does not know, and cancels the body', async () => {
    const body = chunked(fixture('report.docx'));
    await expect(labelProtector({ labels: LABELS }).protect(facts('report.docx'), body.stream, { with: 'label', label: 'Top Secret' })).rejects.toThrow(CannotProtectError);
    await expect(labelProtector({ labels: LABELS }).protect(facts('report.docx'), chunked(fixture('report.docx')).stream, { with: 'label' })).rejects.toThrow(CannotProtectError);
    expect(body.cancelled()).toBe(true);
  });

  it('cannot label a part (206) of a file', async () => {
    const body = chunked(fixture('report.docx'));
    await expect(
      labelProtector({ labels: LABELS }).protect({ ...facts('report.docx'), partial: true }, body.stream, { with: 'label', label: 'General' }),
    ).rejects.toThrow(CannotProtectError);
    expect(body.cancelled()).toBe(true);
  });

  it('stops reading past maxBytes and cancels the body', async () => {
    const body = chunked(fixture('slides.pptx'));
    const protect = labelProtector({ labels: LABELS, maxBytes: 5000 }).protect(facts('slides.pptx'), body.stream, { with: 'label', label: 'General' });
    await expect(protect).rejects.toThrow(/larger than 5000 bytes/);
    expect(body.cancelled()).toBe(true);
  });

  it('cannot protect a PDF or an already labelled file', async () => {
    const protector = labelProtector({ labels: LABELS });
    await expect(protector.protect(facts('text.pdf'), chunked(fixture('text.pdf')).stream, { with: 'label', label: 'General' })).rejects.toThrow(CannotProtectError);
    await expect(
      protector.protect(facts('labelled-labelinfo.docx'), chunked(fixture('labelled-labelinfo.docx')).stream, { with: 'label', label: 'General' }),
    ).rejects.toThrow(CannotProtectError);
  });
});
