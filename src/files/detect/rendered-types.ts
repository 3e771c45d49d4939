import { mimeEssence } from './mime-essence.js';

/*
 * What Chromium shows itself when navigated to, from blink::IsSupportedMimeType
 * (third_party/blink/common/mime_util/mime_util.cc) and the PDF viewer; anything else a
 * navigation reaches is handed to the download manager (NavigationURLLoaderImpl:
 * `is_download = must_download || !known_mime_type`), as HTML's "navigate" hands a
 * response it cannot display to "handle as a download".
 */

/** kSupportedImageTypes (AVIF has shipped since Chrome 85). */
const IMAGES = [
  'image/jpeg', 'image/pjpeg', 'image/jpg', 'image/webp', 'image/png', 'image/apng', 'image/gif', 'image/bmp',
  'image/vnd.microsoft.icon', 'image/x-icon', 'image/x-xbitmap', 'image/x-png', 'image/avif',
];

/**
 * kSupportedNonImageTypes and the JavaScript types. `message/rfc822` and
 * `multipart/related` (MHTML) are in Blink's list, but download_utils::MustDownload
 * downloads them over HTTP unless the embedder allows MHTML, which Chrome does not: they
 * are left out.
 */
const DOCUMENTS = [
  'image/svg+xml', 'application/xml', 'application/atom+xml', 'application/rss+xml', 'application/xhtml+xml',
  'application/json', 'multipart/x-mixed-replace',
  'application/ecmascript', 'application/javascript', 'application/x-ecmascript', 'application/x-javascript',
];

/** Chromium's PDF viewer takes these (when the user has not chosen to download PDFs). */
const PDF = ['application/pdf', 'text/pdf'];

/** media::MimeUtil's format map (desktop Chrome, proprietary codecs): what `<video>`/`<audio>` play, shown on navigation. */
const MEDIA = [
  'audio/wav', 'audio/x-wav', 'audio/webm', 'video/webm', 'audio/ogg', 'video/ogg', 'application/ogg', 'audio/flac',
  'audio/mpeg', 'audio/mp3', 'audio/x-mp3', 'audio/mp4', 'video/mp4', 'audio/aac', 'audio/x-m4a', 'video/x-m4v',
  'video/3gpp',
];

/** kUnsupportedTextTypes: text/* types Chromium downloads instead of showing as text. */
const TEXT_DOWNLOADED = new Set([
  'text/calendar', 'text/x-calendar', 'text/x-vcalendar', 'text/vcalendar', 'text/vcard', 'text/x-vcard',
  'text/directory', 'text/ldif', 'text/qif', 'text/x-qif', 'text/x-csv', 'text/x-vcf', 'text/rtf',
  'text/comma-separated-values', 'text/csv', 'text/tab-separated-values', 'text/tsv', 'text/ofx',
  'text/vnd.sun.j2me.app-descriptor', 'text/x-ms-iqy', 'text/x-ms-odc', 'text/x-ms-rqy', 'text/x-ms-contact',
]);

const RENDERED = new Set([...IMAGES, ...DOCUMENTS, ...PDF, ...MEDIA]);

/**
 * True for a type the browser displays itself when navigated to: HTML and every other
 * `text/*` but the ones in Chromium's unsupported-text list (CSV, TSV, vCard, iCalendar,
 * RTF, …), XHTML, XML, JSON and `application/*+json`, JavaScript, SVG and the images
 * Chromium decodes, the audio and video it plays, and PDF (its viewer). False for
 * anything else, and for null (no type: see `classifyDownload`, which sniffs).
 */
export function isRenderedType(mime: string | null): boolean {
  const essence = mimeEssence(mime);
  if (essence === null) return false;
  if (RENDERED.has(essence)) return true;
  if (essence.startsWith('text/')) return !TEXT_DOWNLOADED.has(essence);
  return essence.startsWith('application/') && essence.endsWith('+json');
}
