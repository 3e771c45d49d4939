import { SaxesParser } from 'saxes';

/** What an XML reader hears, in document order; names keep their prefix (`w:t`). */
export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  close?(name: string): void;
  /** Character data and CDATA sections, entities and character references decoded. */
  text?(text: string): void;
  comment?(text: string): void;
}

/** Text is fed to the parser this much at a time, so a reader can stop early. */
const CHUNK = 64 * 1024;

/**
 * Reads an XML document through saxes (a conforming, non-validating parser: the five
 * predefined entities and character references are decoded; DTD entities are never
 * expanded, so an entity bomb is an error, not a billion laughs). Namespaces are not
 * resolved: parts are matched by local name. Throws on a document that is not
 * well-formed. Stops between chunks once `stop()` says so.
 */
export function readXml(text: string, handlers: XmlHandlers, stop: () => boolean = () => false): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(tag.name, tag.attributes));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(tag.name));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  if (handlers.comment) parser.on('comment', handlers.comment);
  for (let i = 0; i < text.length; i += CHUNK) {
    if (stop()) return;
    parser.write(text.slice(i, i + CHUNK));
  }
  parser.close();
}

/** `w:t` → `t`. */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}
