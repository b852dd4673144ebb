/**
 * The demo's safety walks (trygghetsvandringar) in central Eskilstuna, written out by hand: the
 * routes follow real streets near the demo places, the findings are the kind such walks note
 * (lighting, vegetation, hiding places...). Everything is synthetic; dates are relative to `now`.
 */
import type { LngLat } from './area.js';

export type DemoResponsible = 'kommun' | 'fastighetsagare' | 'trafikverket' | 'polis' | 'annan';
export type DemoFindingStatus = 'open' | 'planned' | 'fixed' | 'wont-fix';

export interface DemoFindingPlan {
  /** Where along the route (0–1) and how far to its side, in metres (positive: left). */
  along: number;
  side: number;
  category: string;
  priority: 1 | 2 | 3;
  description: string;
  proposedFix: string;
  responsible: DemoResponsible;
  responsibleName: string;
  /** The follow-up: status, who promised, due date in days from today (negative: passed). */
  status: DemoFindingStatus;
  owner?: string;
  dueInDays?: number;
  comment?: string;
}

export interface DemoWalkPlan {
  key: string;
  name: string;
  /** Days before today it was walked (negative: planned ahead). */
  daysAgo: number;
  route: readonly LngLat[];
  /** A pause (minutes) at this fraction of the route, split out of the recorded track. */
  pause?: { at: number; minutes: number };
  participants: readonly ({ organisationKey: string } | { name: string })[];
  notes: string;
  findings: readonly DemoFindingPlan[];
}

const GATUKONTORET = 'Eskilstuna kommun, gatu- och parkavdelningen';

export const DEMO_WALK_PLANS: readonly DemoWalkPlan[] = [
  {
    key: 'centrum',
    name: 'Trygghetsvandring Resecentrum–Fristadstorget',
    daysAgo: 120,
    route: [[16.5068, 59.3663], [16.5085, 59.3668], [16.5110, 59.3675], [16.5121, 59.3686], [16.5132, 59.3712], [16.5112, 59.3716], [16.5093, 59.3712], [16.5110, 59.3722], [16.5150, 59.3728]],
    pause: { at: 0.55, minutes: 6 },
    participants: [{ organisationKey: 'kommunen' }, { organisationKey: 'polisen' }, { organisationKey: 'fristaden-fastigheter' }, { name: 'Centrumföreningen' }, { name: 'Boende i Fristaden' }],
    notes: 'Kvällsvandring i mörker, samling vid resecentrums huvudentré kl. 18. Fokus: vägen från tåget till krogstråket.',
    findings: [
      { along: 0.05, side: 12, category: 'belysning', priority: 1, description: 'Två trasiga lampor i gångtunneln under spåren, helt mörkt i mitten.', proposedFix: 'Byt armaturer och sätt LED med högre ljusflöde.', responsible: 'kommun', responsibleName: GATUKONTORET, status: 'fixed', owner: 'Gatu- och parkavdelningen, driftledare', dueInDays: -90, comment: 'Nya armaturer monterade.' },
      { along: 0.14, side: -10, category: 'skymd-sikt', priority: 2, description: 'Containrar vid cykelparkeringen skymmer sikten mot perrongen.', proposedFix: 'Flytta containrarna till baksidan av stationshuset.', responsible: 'fastighetsagare', responsibleName: 'Fristaden Fastigheter AB', status: 'planned', owner: 'Fristaden Fastigheter, förvaltare', dueInDays: -12, comment: 'Flyttas när ny plats har bygglov.' },
      { along: 0.24, side: 8, category: 'vegetation', priority: 2, description: 'Igenvuxen häck längs gångvägen mot ån, går inte att se vem som står bakom.', proposedFix: 'Klipp ner häcken till 80 cm.', responsible: 'kommun', responsibleName: GATUKONTORET, status: 'fixed', owner: 'Parkenheten', dueInDays: -60 },
      { along: 0.35, side: -6, category: 'nedskrapning', priority: 3, description: 'Mycket skräp och fimpar vid bänkarna på strandpromenaden.', proposedFix: 'Fler papperskorgar och tätare tömning helger.', responsible: 'kommun', responsibleName: GATUKONTORET, status: 'fixed', owner: 'Renhållningen', dueInDays: -75 },
      { along: 0.47, side: 10, category: 'overgiven-plats', priority: 1, description: 'Tom lokal med igenspikade fönster, samlingsplats sena kvällar.', proposedFix: 'Fastighetsägaren ser över lokalen; polisen följer upp platsen.', responsible: 'polis', responsibleName: 'Lokalpolisområde Eskilstuna', status: 'open', dueInDays: -20 },
      { along: 0.62, side: -8, category: 'klotter', priority: 3, description: 'Klotter på elskåpet vid Fristadstorget.', proposedFix: 'Sanera inom 24 timmar enligt klotterpolicyn.', responsible: 'annan', responsibleName: 'Eskilstuna Energi och Miljö', status: 'wont-fix', owner: 'EEM', comment: 'Skåpet ska rivas i vår, saneras inte.' },
      { along: 0.8, side: 6, category: 'trafikmiljo', priority: 2, description: 'Otydligt övergångsställe vid taxikön, bilar stannar inte.', proposedFix: 'Upphöjt övergångsställe och bättre skyltning.', responsible: 'kommun', responsibleName: 'Eskilstuna kommun, trafikenheten', status: 'planned', owner: 'Trafikenheten', dueInDays: 45 },
      { along: 0.95, side: -12, category: 'trasig-utrustning', priority: 2, description: 'Trasig belysningsstolpe vid lekplatsen i Stadsparken, lutar.', proposedFix: 'Byt stolpen.', responsible: 'kommun', responsibleName: GATUKONTORET, status: 'open' },
    ],
  },
  {
    key: 'strandpromenaden',
    name: 'Trygghetsvandring Strandpromenaden',
    daysAgo: 60,
    route: [[16.5135, 59.3600], [16.5128, 59.3650], [16.5120, 59.3685], [16.5132, 59.3712], [16.5112, 59.3740], [16.5060, 59.3762], [16.5020, 59.3785]],
    participants: [{ organisationKey: 'kommunen' }, { organisationKey: 'faltgruppen' }, { organisationKey: 'tunabo' }, { name: 'Eskilstuna kanotklubb' }],
    notes: 'Vandring längs ån från Fröslunda till Munktellstaden. Deltagare från fältgruppen och bostadsbolaget.',
    findings: [
      { along: 0.08, side: 9, category: 'belysning', priority: 1, description: 'Gångvägen helt obelyst på 150 meter söder om bron.', proposedFix: 'Ny belysning längs hela sträckan.', responsible: 'kommun', responsibleName: GATUKONTORET, status: 'planned', owner: 'Gatu- och parkavdelningen, projektledare', dueInDays: -5, comment: 'Ingår i budget, upphandling pågår.' },
      { along: 0.2, side: -7, category: 'vegetation', priority: 2, description: 'Buskage intill gångvägen skapar gömställen.', proposedFix: 'Gallra buskarna och höj kronorna.', responsible: 'kommun', responsibleName: GATUKONTORET, status: 'planned', owner: 'Parkenheten', dueInDays: 20 },
      { along: 0.33, side: 6, category: 'skymd-sikt', priority: 2, description: 'Brofästet skymmer sikten, man ser inte vem som kommer.', proposedFix: 'Spegel och belysning under bron.', responsible: 'kommun', responsibleName: GATUKONTORET, status: 'open' },
      { along: 0.45, side: -9, category: 'overgiven-plats', priority: 2, description: 'Ödslig plats under bron, spår av eldning.', proposedFix: 'Regelbunden tillsyn, fältgruppen besöker platsen.', responsible: 'annan', responsibleName: 'Socialtjänsten, fältgruppen', status: 'fixed', owner: 'Fältgruppen', dueInDays: -30, comment: 'Besöks varje fredag sedan oktober.' },
      { along: 0.6, side: 8, category: 'trasig-utrustning', priority: 3, description: 'Trasig parkbänk och nedriven skylt.', proposedFix: 'Reparera bänken, sätt upp ny skylt.', responsible: 'kommun', responsibleName: GATUKONTORET, status: 'open' },
      { along: 0.74, side: -10, category: 'belysning', priority: 2, description: 'Bostadsbolagets gårdsbelysning mot ån är släckt.', proposedFix: 'Laga timern och byt lysrör.', responsible: 'fastighetsagare', responsibleName: 'Tunabo Bostäder AB', status: 'planned', owner: 'Tunabo, områdesansvarig', dueInDays: -3 },
      { along: 0.9, side: 7, category: 'nedskrapning', priority: 3, description: 'Nedskräpat vid båtplatsen.', proposedFix: 'Papperskorg vid båtplatsen.', responsible: 'annan', responsibleName: 'Eskilstuna kanotklubb', status: 'open' },
    ],
  },
  {
    key: 'nyfors',
    name: 'Trygghetsvandring Nyfors centrum',
    daysAgo: 14,
    route: [[16.5300, 59.3688], [16.5330, 59.3692], [16.5360, 59.3700], [16.5375, 59.3712], [16.5352, 59.3718], [16.5330, 59.3706]],
    participants: [{ organisationKey: 'kommunen' }, { organisationKey: 'polisen' }, { name: 'Nyfors företagarförening' }, { name: 'Boende i Nyfors' }],
    notes: 'Del av medborgarlöftet för Nyfors. Uppföljningsmöte hålls om fyra veckor.',
    findings: [
      { along: 0.15, side: 8, category: 'belysning', priority: 1, description: 'Torget mörkt efter att butikerna stängt, skyltbelysningen släcks kl. 20.', proposedFix: 'Torgbelysning på hela kvällen.', responsible: 'kommun', responsibleName: GATUKONTORET, status: 'open' },
      { along: 0.35, side: -7, category: 'skymd-sikt', priority: 2, description: 'Reklampelare skymmer busshållplatsen.', proposedFix: 'Flytta reklampelaren.', responsible: 'annan', responsibleName: 'Reklambolaget', status: 'open' },
      { along: 0.5, side: 9, category: 'overgiven-plats', priority: 1, description: 'Baksidan av centrumhuset används som tillhåll.', proposedFix: 'Belysning och grind, polisen prioriterar platsen i fotpatrullen.', responsible: 'polis', responsibleName: 'Lokalpolisområde Eskilstuna', status: 'planned', owner: 'Kommunpolisen', dueInDays: 30 },
      { along: 0.7, side: -6, category: 'trafikmiljo', priority: 2, description: 'Mopeder kör på gångbanan vid pizzerian.', proposedFix: 'Pollare och kontroller.', responsible: 'polis', responsibleName: 'Lokalpolisområde Eskilstuna', status: 'open' },
      { along: 0.88, side: 7, category: 'klotter', priority: 3, description: 'Klotter på cykelgaraget.', proposedFix: 'Sanera och måla med klotterskydd.', responsible: 'fastighetsagare', responsibleName: 'Tunabo Bostäder AB', status: 'open' },
    ],
  },
  {
    key: 'lagersberg',
    name: 'Trygghetsvandring Lagersberg',
    daysAgo: -10,
    route: [[16.4745, 59.3660], [16.4770, 59.3645], [16.4800, 59.3652], [16.4790, 59.3672], [16.4755, 59.3676]],
    participants: [{ organisationKey: 'kommunen' }, { organisationKey: 'lagersbergsskolan' }, { organisationKey: 'tunabo' }],
    notes: 'Planerad kvällsvandring. Inbjudan skickad till boende och skolan.',
    findings: [],
  },
];

/** The re-walk: the centre walk checked again, a week and a half ago. */
export const DEMO_REWALK = { of: 'centrum', daysAgo: 10, results: { fixed: [1], notFixed: [4, 7] } } as const;
