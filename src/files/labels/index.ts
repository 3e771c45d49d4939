/** Sensitivity labels: read from Office files and PDFs, stamped into Office files, and the `label` protector. */
export { readLabels } from './read-labels.js';
export { stampLabel, type StampOptions } from './stamp-label.js';
export { labelProtector, findLabel, type LabelProtectorOptions } from './label-protector.js';
