/**
 * `src/pipeline/request-body`: request bodies mapped back to upstream, so that what the
 * browser posts through the proxy (proxied URLs and hosts, written by the rewritten
 * page) reaches upstream with upstream hosts, and a GET-modify-PUT round trip never
 * stores a proxied host. Form, JSON (+json) and multipart text fields; every other
 * type, and every file part, passes byte-identical.
 */
export { requestBodyType, type RequestBodyKind, type RequestBodyType } from './body-type.js';
export { planRequestBody, requestBodyProcessor, mapRequestBody, type RequestBodyPlan } from './plan.js';
export { mapRequestBodyBuffered, type RequestBodyBufferOptions, type MappedRequestBody } from './buffered.js';
export { withBodyFraming, type RequestBodyFraming } from './framing.js';
export { mapStringBack } from './value-sink.js';
export { mapFormPair, formDecode, formEncode } from './form-encoding.js';
export { MAX_PART_HEADER_BYTES } from './multipart-engine.js';
