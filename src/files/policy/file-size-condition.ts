import { NOT_MET, type Condition, type Verdict } from './condition.js';

/**
 * `fileSize`: the whole file's size within `min` and `max` bytes, both inclusive. When the
 * size is not known up front (a chunked response, an upload without a length), the file
 * is read to measure it, as for content, only when every other dimension has matched;
 * a file that cannot be read whole (past the governed limit, a part of a file) cannot be
 * measured, and the cannot-inspect setting applies.
 */
export function fileSizeCondition(min: number | undefined, max: number | undefined): Condition {
  const verdict = (size: number): Verdict =>
    (min === undefined || size >= min) && (max === undefined || size <= max) ? { met: true, because: `fileSize ${size}` } : NOT_MET;
  return {
    dimension: 'fileSize',
    fromFacts: ({ file }) => (file === null ? NOT_MET : file.size === null ? 'needs-content' : verdict(file.size)),
    fromContent: async (evidence) => {
      const size = await evidence.size();
      return 'value' in size ? verdict(size.value) : { met: 'cannot-inspect', reason: size.cannotInspect };
    },
  };
}
