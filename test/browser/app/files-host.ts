import { readFileSync } from 'node:fs';
import type { HostRoute } from './host-server.js';

/** The payroll export: it holds social security numbers, so the policy blocks it. */
export const PAYROLL_CSV = Buffer.from('employee,ssn,salary\nalice,123-45-6789,98000\nbob,987-65-4321,87000\n');
/** A real Word file (test/fixtures/files): the policy has Word files encrypted to the records key. */
export const REPORT_DOCX = readFileSync(new URL('../../fixtures/files/report.docx', import.meta.url));
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The file host: downloads as attachments (RFC 6266), each with its length. */
export function filesRoutes(): Record<string, HostRoute> {
  const attachment = (bytes: Buffer, type: string, name: string): HostRoute => (_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-disposition': `attachment; filename="${name}"`, 'content-length': String(bytes.length), 'cache-control': 'no-store' }).end(bytes);
  };
  return {
    'GET /files/payroll.csv': attachment(PAYROLL_CSV, 'text/csv', 'payroll.csv'),
    'GET /files/report.docx': attachment(REPORT_DOCX, DOCX_TYPE, 'report.docx'),
  };
}
