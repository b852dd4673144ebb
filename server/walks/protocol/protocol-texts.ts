import type { CheckResult, FindingStatus, Responsible, WalkStatus } from '../../db/schema';

/**
 * The printed protocol's texts, Swedish: it is handed to municipal offices, property owners and
 * the police at the follow-up meeting. One place, like the web app's i18n files.
 */
export const SV = {
  title: (name: string) => `Protokoll – ${name}`,
  heading: 'Trygghetsvandring',
  rewalkHeading: 'Trygghetsvandring, återbesök',
  rewalkOf: 'Återbesök av en tidigare vandring',
  planned: 'Planerad',
  walked: 'Genomförd',
  status: 'Status',
  leader: 'Ansvarig för vandringen',
  participants: 'Deltagare',
  noParticipants: 'Inga deltagare angivna',
  distance: 'Gången sträcka',
  notes: 'Anteckningar',
  map: 'Karta',
  mapTitle: (name: string) => `Karta över ${name}: planerad och gången sträcka med numrerade fynd`,
  legendArea: 'Områdesgräns',
  legendPlanned: 'Planerad sträcka',
  legendWalked: 'Gången sträcka',
  legendFinding: 'Fynd (nummer i tabellen)',
  legendCheck: 'Kontrollerat fynd från tidigare vandring',
  scale: (label: string) => label,
  findings: (n: number) => `Fynd (${n})`,
  noFindings: 'Inga fynd registrerades.',
  columns: { number: 'Nr', category: 'Kategori', description: 'Beskrivning och förslag', priority: 'Prio', responsible: 'Ansvarig', owner: 'Ägare', due: 'Senast', status: 'Status', photos: 'Foton' },
  proposedFix: 'Förslag:',
  overdue: 'försenad',
  history: 'Händelser',
  checks: (n: number) => `Kontroll av tidigare fynd (${n})`,
  checkColumns: { number: 'Nr', category: 'Kategori', fromWalk: 'Från vandring', result: 'Resultat', status: 'Status nu' },
  footer: (at: string) => `Utskrivet ${at} ur Tryggkarta`,
  printHint: 'Skriv ut med webbläsarens utskriftsfunktion (Ctrl+P / ⌘P). Sidan är anpassad för A4.',
  none: '–',
  by: 'av',
  photoAlt: (n: number, i: number) => `Foto ${i} till fynd ${n}`,
  events: {
    created: 'Registrerat',
    updated: 'Ändrat',
    checked: 'Kontrollerat vid återbesök',
  },
  fields: {
    status: 'status',
    owner: 'ägare',
    dueDate: 'senast',
    category: 'kategori',
    location: 'plats',
    priority: 'prioritet',
    description: 'beskrivning',
    proposedFix: 'förslag',
    responsible: 'ansvarig',
    responsibleName: 'ansvarig part',
  } as Record<string, string>,
};

export const WALK_STATUS_SV: Record<WalkStatus, string> = { planned: 'Planerad', ongoing: 'Pågår', done: 'Genomförd' };
export const FINDING_STATUS_SV: Record<FindingStatus, string> = { open: 'Öppen', planned: 'Åtgärd planerad', fixed: 'Åtgärdad', 'wont-fix': 'Åtgärdas inte' };
export const RESPONSIBLE_SV: Record<Responsible, string> = { kommun: 'Kommunen', fastighetsagare: 'Fastighetsägare', trafikverket: 'Trafikverket', polis: 'Polisen', annan: 'Annan' };
export const CHECK_RESULT_SV: Record<CheckResult | 'unchecked', string> = { fixed: 'Åtgärdat', 'not-fixed': 'Inte åtgärdat', unchecked: 'Ej kontrollerat' };
export const PRIORITY_SV: Record<number, string> = { 1: '1 (hög)', 2: '2', 3: '3 (låg)' };
