// Streaming HAR: read a HAR as events (log members, entries one at a time, big strings
// spilled to temp files) and write one back the same way.
export type { HarEntryEvent, HarEvent, HarLogFieldEvent } from './har-events.js';
export { HarFormatError } from './har-format-error.js';
export { createHarWriter, type HarWriter, type HarWriterOptions } from './har-writer.js';
export { JsonStringEscaper } from './json-string-escaper.js';
export { DEFAULT_SPILL_CHARS, readHar, type HarReader, type ReadHarOptions } from './read-har.js';
export { writeSpilledText } from './write-spilled-text.js';
