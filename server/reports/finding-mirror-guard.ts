import { HttpError } from '../http/errors';
import type { Report } from './reports.repository';

/** A report that mirrors a safety-walk finding is changed and deleted through /findings, which keeps both in step. */
export function refuseFindingMirror(report: Pick<Report, 'id' | 'source'> | undefined, path: string) {
  if (report?.source === 'walk') {
    throw new HttpError(409, 'conflict', 'This report mirrors a safety-walk finding: change or delete it with /api/v1/findings/' + report.id, [
      { path, message: 'is a safety-walk finding; use /api/v1/findings' },
    ]);
  }
}
