import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { unzipSync, strFromU8 } from 'fflate';

/** The committed fixtures (test/fixtures/files, made by make-fixtures.mjs). */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/files/${name}`, import.meta.url))));
}

/** The labels the fixture script wrote, as listed in test/fixtures/files/README.md. */
export const SITE = '9f8e7d6c-5b4a-4321-8fed-cba987654321';
export const CONFIDENTIAL = { id: '3a8e5b2c-6f41-4d7e-9b1a-0c2d4e6f8a10', name: 'Confidential' };
export const GENERAL = { id: '7c1d9e04-2b3f-4a5c-8d6e-1f2a3b4c5d6e', name: 'General' };
export const HIGHLY = { id: 'e5f60718-293a-4b4c-9d5e-6f708192a3b4', name: 'Highly Confidential' };

/** Every element of an XML text in document order, with its attributes and all the text inside it, read with saxes (independent of the code under test). */
export function elementsOf(xml: string): Array<{ name: string; attributes: Record<string, string>; text: string }> {
  const parser = new SaxesParser({ xmlns: false });
  const out: Array<{ name: string; attributes: Record<string, string>; text: string }> = [];
  const open: typeof out = [];
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: { ...tag.attributes } as Record<string, string>, text: '' };
    out.push(element);
    open.push(element);
  });
  parser.on('closetag', () => void open.pop());
  parser.on('text', (text) => {
    for (const element of open) element.text += text;
  });
  parser.write(xml).close();
  return out;
}

/** All entries of a zip, inflated (test files are small). */
export function entriesOf(zip: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(zip);
}

export function textEntry(zip: Uint8Array, name: string): string {
  const entry = entriesOf(zip)[name];
  if (!entry) throw new Error(`${name} is not in the zip`);
  return strFromU8(entry);
}
