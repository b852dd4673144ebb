import type { Report } from '../reports/reports.repository';
import { findPersonalData, maskPersonalData, type PersonalDataKind } from './personal-data';

/** One kind of personal data found in a stored report's field, for the reporter to see. */
export interface PersonalDataWarning {
  path: 'description';
  kind: PersonalDataKind;
}

/**
 * Warnings for a stored report, one per kind of personal data in its description. The report
 * is stored as given (the reporter was warned before sending); exports mask it.
 */
export function personalDataWarnings(report: Pick<Report, 'description'>): PersonalDataWarning[] {
  if (!report.description) return [];
  const kinds = new Set(findPersonalData(report.description).map((f) => f.kind));
  return [...kinds].map((kind) => ({ path: 'description', kind }));
}

/** The report as every export shows it: personal identity and phone numbers in its description masked. */
export function maskReportForExport<R extends Pick<Report, 'description'>>(report: R): R {
  return report.description ? { ...report, description: maskPersonalData(report.description) } : report;
}
