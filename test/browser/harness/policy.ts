import type { PolicyDocument } from '../../../src/files/index.js';

export const PAYROLL_MESSAGE = 'Payroll data stays in Acme Workspace.';
export const UPLOAD_MESSAGE = 'Spreadsheets cannot be uploaded from this device.';
export const COPY_MESSAGE = 'Copying is disabled in Acme Workspace.';

/** The SSN pattern of the payroll rule. */
const SSN = '\\b\\d{3}-\\d{2}-\\d{4}\\b';

/**
 * Acme's policy, as an admin writes it (first matching rule decides): Word files leave
 * encrypted to the records key, files with SSNs do not leave, spreadsheets do not come
 * in, and nothing is copied out of a page.
 */
export const ACME_POLICY: PolicyDocument = {
  rules: [
    { name: 'Encrypt Word files', match: { activity: ['download'], fileExtension: ['docx'] }, action: 'protect', protect: { with: 'openpgp' } },
    { name: 'Payroll stays', match: { activity: ['download'], content: [SSN] }, action: 'block', message: PAYROLL_MESSAGE },
    { name: 'No spreadsheet uploads', match: { activity: ['upload'], fileExtension: ['csv', 'xlsx'] }, action: 'block', message: UPLOAD_MESSAGE },
    { name: 'No copying', match: { activity: ['copy'] }, action: 'block', message: COPY_MESSAGE },
  ],
};
