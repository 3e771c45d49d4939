import { DEFAULT_FILE_LIMITS, type FileFacts } from '../file-facts.js';
import { CannotProtectError, type LabelDefinition, type Protector } from '../protector.js';
import { normalizeGuid } from './guid.js';
import { ooxmlTypeOf } from './ooxml-types.js';
import { stampLabel, type StampOptions } from './stamp-label.js';

export interface LabelProtectorOptions {
  /** The labels a policy may name, by name or GUID. */
  readonly labels: readonly LabelDefinition[];
  /** Files larger than this are not read (the cannot-protect action applies). Default: the governed limit, 50 MiB. */
  readonly maxBytes?: number;
  /** How the label is recorded as chosen; default `Standard` (applied by policy). */
  readonly method?: StampOptions['method'];
}

/**
 * The `label` protector: stamps the decision's label (`protect.label`) into an Office
 * file, which keeps its name and type. The file is read whole, within `maxBytes`.
 */
export function labelProtector(options: LabelProtectorOptions): Protector {
  const maxBytes = options.maxBytes ?? DEFAULT_FILE_LIMITS.governedBytes;
  return {
    async protect(file, body, spec) {
      const label = spec.label === undefined ? undefined : findLabel(options.labels, spec.label);
      if (file.partial || !label) {
        await body.cancel().catch(() => undefined);
        if (file.partial) throw new CannotProtectError('a part (206) of a file cannot be labelled');
        throw new CannotProtectError(spec.label === undefined ? 'no label named in the decision' : `no label "${spec.label}" is defined`);
      }
      const bytes = await readWithin(body, maxBytes);
      const stamped = stampLabel(bytes, label, options.method ? { method: options.method } : {});
      return { name: file.name, contentType: contentTypeOf(file), body: streamOf(stamped) };
    },
  };
}

/** A label by GUID (any case, braces or not) or by name (case-insensitive). */
export function findLabel(labels: readonly LabelDefinition[], wanted: string): LabelDefinition | undefined {
  const guid = normalizeGuid(wanted);
  if (guid) {
    const byId = labels.find((l) => normalizeGuid(l.id) === guid);
    if (byId) return byId;
  }
  const name = wanted.trim().toLowerCase();
  return labels.find((l) => l.name.toLowerCase() === name);
}

function contentTypeOf(file: FileFacts): string {
  return file.declaredType ?? ooxmlTypeOf(file.extension) ?? file.sniffedType ?? 'application/octet-stream';
}

/** The whole body, or {@link CannotProtectError} (the stream cancelled) once it runs past `maxBytes`. */
async function readWithin(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new CannotProtectError(`the file is larger than ${maxBytes} bytes, the most the label protector reads`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
