/**
 * Personal identity and phone numbers in free text, with the server's own rules, so the report
 * form can warn before a description is sent (the server answers with the same findings).
 */
export { findPersonalData, maskPersonalData } from '../../../server/privacy/personal-data';
export type { PersonalDataFinding, PersonalDataKind } from '../../../server/privacy/personal-data';
