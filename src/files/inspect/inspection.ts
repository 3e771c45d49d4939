import type { FileLimits } from '../file-facts.js';
import type { ExpansionBudget } from './expansion-budget.js';
import type { FormatClues } from './text-format.js';
import type { TextCollector } from './text-collector.js';

/** One file's extraction: its limits, the text so far, what archives may still expand. */
export interface Inspection {
  readonly limits: FileLimits;
  readonly out: TextCollector;
  readonly budget: ExpansionBudget;
}

/** Reads the text of a file (the top one, or an archive entry at `depth`) into the inspection. */
export type InspectInto = (bytes: Uint8Array, clues: FormatClues, depth: number) => Promise<void>;
