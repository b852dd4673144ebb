/**
 * Who reports in the demo area: organisations, their users, and which categories each kind of
 * organisation tends to report (police see violence and drugs, housing companies see fires in
 * bin rooms). Organisation names other than the police and the municipality are invented.
 */
import type { ReportCategory } from './taxonomy.js';

export type DemoRole = 'reporter' | 'walker' | 'planner' | 'analyst' | 'admin';

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
}

export interface DemoUser {
  email: string;
  name: string;
  role: DemoRole;
  organisationKey: string | null;
  password: string;
}

export type OrganisationKind =
  | 'polis' | 'kommun' | 'socialtjanst' | 'skola' | 'fritidsgard' | 'bostadsbolag' | 'fastighetsagare' | 'vaktbolag';

/** Shared by every demo account; printed by the app at start, so it is no secret. */
export const DEMO_PASSWORD = 'demo-losenord-2026';

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  { key: 'polisen', name: 'Polisen lokalpolisområde Eskilstuna', kind: 'polis' },
  { key: 'kommunen', name: 'Eskilstuna kommun, trygghetssamordnare', kind: 'kommun' },
  { key: 'faltgruppen', name: 'Socialtjänsten, fältgruppen', kind: 'socialtjanst' },
  { key: 'lagersbergsskolan', name: 'Lagersbergsskolan', kind: 'skola' },
  { key: 'rinmansskolan', name: 'Rinmansskolan', kind: 'skola' },
  { key: 'fritidsgarden', name: 'Fröslunda fritidsgård', kind: 'fritidsgard' },
  { key: 'tunabo', name: 'Tunabo Bostäder AB (fiktivt bostadsbolag)', kind: 'bostadsbolag' },
  { key: 'fristaden-fastigheter', name: 'Fristaden Fastigheter AB (fiktiv fastighetsägare)', kind: 'fastighetsagare' },
  { key: 'malarvakt', name: 'Mälarvakt Bevakning AB (fiktivt vaktbolag)', kind: 'vaktbolag' },
];

const ROLE_ACCOUNTS: readonly Omit<DemoUser, 'password'>[] = [
  { email: 'admin@demo.tryggkarta.se', name: 'Demo Administratör', role: 'admin', organisationKey: null },
  { email: 'planerare@demo.tryggkarta.se', name: 'Karin Holm', role: 'planner', organisationKey: 'kommunen' },
  { email: 'analytiker@demo.tryggkarta.se', name: 'Johan Ek', role: 'analyst', organisationKey: 'polisen' },
  { email: 'rapportor@demo.tryggkarta.se', name: 'Sara Lind', role: 'reporter', organisationKey: 'polisen' },
  { email: 'vandring@demo.tryggkarta.se', name: 'Ali Hassan', role: 'walker', organisationKey: 'kommunen' },
];

/** Extra field reporters per organisation, so reports come from several people. */
const FIELD_REPORTERS: Readonly<Record<string, readonly string[]>> = {
  polisen: ['Erik Nyström', 'Maria Johansson'],
  kommunen: ['Lena Persson', 'Ahmed Yusuf'],
  faltgruppen: ['Jonas Berg', 'Fatima Ali'],
  lagersbergsskolan: ['Annika Sjöberg'],
  rinmansskolan: ['Per Lundgren'],
  fritidsgarden: ['Mohammed Karimi', 'Elin Dahl'],
  tunabo: ['Thomas Ekström', 'Sofia Nilsson'],
  'fristaden-fastigheter': ['Magnus Wall'],
  malarvakt: ['Daniel Öberg', 'Nora Svensson'],
};

export const DEMO_USERS: readonly DemoUser[] = [
  ...ROLE_ACCOUNTS,
  ...Object.entries(FIELD_REPORTERS).flatMap(([organisationKey, names]) =>
    names.map((name) => ({ email: emailFor(name), name, role: 'reporter' as const, organisationKey })),
  ),
].map((user) => ({ ...user, password: DEMO_PASSWORD }));

function emailFor(fullName: string): string {
  const ascii = fullName
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z ]/g, '');
  return `${ascii.replace(/ /g, '.')}@demo.tryggkarta.se`;
}

type CategoryAffinity = Partial<Record<ReportCategory, number>>;

/** How readily each kind of organisation reports each category; a missing category means "never". */
export const CATEGORY_AFFINITY: Readonly<Record<OrganisationKind, CategoryAffinity>> = {
  polis: { vald: 5, narkotika: 5, ordningsstorning: 4, trafik: 4, stold: 3, alkohol: 3, 'otrygg-samling': 2, brand: 1, skadegorelse: 1, ovrigt: 0.5 },
  kommun: { 'otrygg-plats': 5, nedskrapning: 3, klotter: 3, ovrigt: 3, 'otrygg-samling': 2, skadegorelse: 2, trafik: 1, alkohol: 1, brand: 0.5 },
  socialtjanst: { 'otrygg-samling': 5, narkotika: 3, alkohol: 3, ordningsstorning: 1, vald: 1, 'otrygg-plats': 1, ovrigt: 1 },
  skola: { klotter: 5, skadegorelse: 4, brand: 3, nedskrapning: 2, 'otrygg-samling': 2, narkotika: 1, ovrigt: 1 },
  fritidsgard: { 'otrygg-samling': 5, skadegorelse: 3, narkotika: 2, klotter: 2, ordningsstorning: 2, brand: 1, ovrigt: 1 },
  bostadsbolag: { skadegorelse: 5, brand: 4, nedskrapning: 4, klotter: 3, 'otrygg-plats': 2, ovrigt: 2, trafik: 1, narkotika: 1 },
  fastighetsagare: { klotter: 4, skadegorelse: 4, nedskrapning: 3, stold: 2, 'otrygg-samling': 2, ovrigt: 2 },
  vaktbolag: { stold: 5, ordningsstorning: 4, 'otrygg-samling': 3, skadegorelse: 2, narkotika: 2, alkohol: 2, vald: 2, klotter: 1 },
};
