import { TextCollector } from './text-collector.js';
import { readXml } from './xml-events.js';

/**
 * The text of a generic XML document: its character data and CDATA in document order,
 * a line ending at each element's end (so `<a>123</a><b>45</b>` does not read `12345`),
 * then its attribute values and comments, one per line. A document that is not
 * well-formed is inspected as it is: its raw text holds everything.
 */
export function xmlText(text: string, out: TextCollector, maxChars: number): void {
  const read = new TextCollector(maxChars);
  const hidden: string[] = [];
  try {
    readXml(
      text,
      {
        open: (_name, attributes) => {
          for (const value of Object.values(attributes)) hidden.push(value);
        },
        close: () => read.separate(),
        text: (t) => read.write(t),
        comment: (t) => hidden.push(t),
      },
      () => read.full,
    );
  } catch {
    out.write(text);
    return;
  }
  for (const value of hidden) {
    read.separate();
    read.write(value);
  }
  const { text: extracted, cannotInspect } = read.result();
  out.write(extracted);
  if (cannotInspect !== null) out.fail(cannotInspect);
}
