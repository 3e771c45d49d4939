/**
 * A minimal, valid PDF made by hand for cases no fixture covers (XMP written as
 * attributes, Info values as names): one empty page, an optional Info dictionary
 * (raw PDF dictionary entries) and an optional XMP packet.
 */
export function minimalPdf(options: { info?: string; xmp?: string }): Uint8Array {
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R${options.xmp === undefined ? '' : ' /Metadata 4 0 R'} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  if (options.xmp !== undefined) {
    const length = Buffer.byteLength(options.xmp, 'utf8');
    objects.push(`<< /Type /Metadata /Subtype /XML /Length ${length} >>\nstream\n${options.xmp}\nendstream`);
  } else {
    objects.push('<< >>');
  }
  if (options.info !== undefined) objects.push(`<< ${options.info} >>`);
  let pdf = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'utf8'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'utf8');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${options.info === undefined ? '' : ' /Info 5 0 R'} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'utf8'));
}
