/**
 * Content inspection: the text of a file (plain text, CSV, JSON, HTML, XML, Word,
 * Excel, PowerPoint, PDF, zip archives) within the byte, character, depth and expansion
 * limits of {@link FileLimits}.
 */
export { extractText } from './extract-text.js';
export { textFormatOf, formatOfType, type FormatClues, type TextFormat } from './text-format.js';
export { decodeText, textEncodingOf, type TextEncoding } from './decode-text.js';
