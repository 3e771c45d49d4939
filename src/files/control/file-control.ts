import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { ExchangeGate, GatedResponse } from '../../pipeline/index.js';
import { extensionOf } from '../detect/index.js';
import type { Activity, SessionContext } from '../file-facts.js';
import { BodyReader } from './body-reader.js';
import { decideFile, type FileOutcome } from './decide-file.js';
import { gateDownload, type DownloadResponse } from './download.js';
import { fileControlSettings, type FileControlOptions } from './options.js';
import { sniffBody } from './sniff-body.js';
import { gateUpload, type UploadRequest, type UploadVerdict } from './upload.js';

/** One file on its own (what `spr file` classifies): no exchange around it. */
export interface StandaloneFile {
  readonly body: Readable;
  readonly name: string;
  readonly activity: Activity;
  /** The declared type, as a Content-Type would give it. */
  readonly declaredType?: string | null;
  readonly size?: number | null;
  readonly session?: SessionContext;
  /** The app URL to report (default `file:///<name>`). */
  readonly url?: string;
}

/**
 * File control: downloads and uploads classified by a policy or a hook, and the decision
 * carried out. It is the pipeline's gate (`createPipeline(rw, { gate: files })`), and its
 * parts can be called on their own.
 */
export interface FileControl extends ExchangeGate {
  /** Download control for one upstream response. */
  download(response: DownloadResponse): Promise<{ readonly response: GatedResponse; readonly outcome: FileOutcome | null }>;
  /** Upload control for one browser request body. */
  upload(request: UploadRequest): Promise<UploadVerdict>;
  /** Classifies one file and carries out the decision. */
  file(file: StandaloneFile): Promise<FileOutcome>;
}

export function createFileControl(options: FileControlOptions): FileControl {
  const settings = fileControlSettings(options);
  const sessionOf = async (req: IncomingMessage) => settings.session(req);
  return {
    async request(incoming, upstream, body) {
      const verdict = await gateUpload({ method: upstream.method, headers: incoming.headers, upstream, session: await sessionOf(incoming), body }, settings);
      return 'answer' in verdict ? { answer: verdict.answer } : { body: verdict.body };
    },
    async response(incoming, upstream, head, body) {
      const gated = await gateDownload({ method: upstream.method, requestHeaders: incoming.headers, upstream, head, body, session: await sessionOf(incoming) }, settings);
      return gated.response;
    },
    download: (response) => gateDownload(response, settings),
    upload: (request) => gateUpload(request, settings),
    async file(file) {
      const reader = new BodyReader(file.body);
      const sniffed = await sniffBody(reader, true);
      const url = file.url ?? `file:///${encodeURIComponent(file.name)}`;
      const facts = {
        activity: file.activity,
        name: file.name,
        extension: extensionOf(file.name),
        declaredType: file.declaredType ?? null,
        sniffedType: sniffed?.mime ?? null,
        size: file.size ?? null,
        partial: false,
        url,
        appHost: '',
      };
      const context = { request: { method: file.activity === 'upload' ? 'POST' : 'GET', url, headers: {} }, response: file.activity === 'upload' ? null : { status: 200, headers: {} } };
      return decideFile({ facts, reader, session: file.session ?? {}, context }, settings);
    },
  };
}
