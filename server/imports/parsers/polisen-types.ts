/**
 * Polisen event types → the report taxonomy (DESIGN §3), and which types are left out of
 * analytics. The table lists all 97 types in the 2022-09 → 2026-08 archive of polisen.se/api/events
 * (85 011 events); a type not listed maps to `ovrigt` and stays in analytics.
 *
 * Judgement calls, so an analyst can follow them:
 * - Violence, threats and weapons are `vald`, including attempts, explosions and sabotage against
 *   emergency services (stone-throwing at ambulances is what those events describe).
 * - Sexual offences against a person are `vald`; indecent exposure (Sedlighetsbrott) is `ordningsstorning`.
 * - Theft and break-in types are `stold`, including receiving stolen goods, recovered stolen vehicles
 *   (where they are dumped is a place signal) and Hemfridsbrott (forcing into a home).
 * - Fraud, forgery, economic crime and Åldringsbrott (mostly phone and door-step fraud) are not place
 *   problems: `ovrigt`.
 * - Accidents, rescues, missing persons, deaths and administrative notices are `ovrigt`.
 */

export type ReportCategoryCode =
  | 'skadegorelse'
  | 'klotter'
  | 'nedskrapning'
  | 'brand'
  | 'otrygg-samling'
  | 'narkotika'
  | 'alkohol'
  | 'vald'
  | 'stold'
  | 'trafik'
  | 'ordningsstorning'
  | 'otrygg-plats'
  | 'ovrigt';

/** Keyed by the type exactly as Polisen writes it (trimmed: "Lagen om hundar och katter " has a trailing space). */
export const POLISEN_TYPE_CATEGORIES: Readonly<Record<string, ReportCategoryCode>> = {
  // vald: violence, threats, weapons
  Misshandel: 'vald',
  'Misshandel, grov': 'vald',
  Rån: 'vald',
  'Rån, försök': 'vald',
  'Rån väpnat': 'vald',
  'Rån övrigt': 'vald',
  'Våld/hot mot tjänsteman': 'vald',
  Skottlossning: 'vald',
  'Skottlossning, misstänkt': 'vald',
  'Mord/dråp': 'vald',
  'Mord/dråp, försök': 'vald',
  'Olaga hot': 'vald',
  Knivlagen: 'vald',
  Vapenlagen: 'vald',
  Våldtäkt: 'vald',
  'Våldtäkt, försök': 'vald',
  Sexualbrott: 'vald',
  'Olaga frihetsberövande/människorov': 'vald',
  'Larm Överfall': 'vald',
  Explosion: 'vald',
  Detonation: 'vald',
  Bombhot: 'vald',
  'Sabotage mot blåljusverksamhet': 'vald',

  // stold: theft and break-ins
  Stöld: 'stold',
  'Stöld, försök': 'stold',
  'Stöld/inbrott': 'stold',
  Inbrott: 'stold',
  'Inbrott, försök': 'stold',
  'Larm Inbrott': 'stold',
  'Motorfordon, stöld': 'stold',
  'Motorfordon, anträffat stulet': 'stold',
  Häleri: 'stold',
  Hemfridsbrott: 'stold',

  // trafik
  Trafikolycka: 'trafik',
  'Trafikolycka, personskada': 'trafik',
  'Trafikolycka, singel': 'trafik',
  'Trafikolycka, vilt': 'trafik',
  'Trafikolycka, smitning från': 'trafik',
  Trafikbrott: 'trafik',
  Rattfylleri: 'trafik',
  'Olovlig körning': 'trafik',
  Trafikhinder: 'trafik',
  Trafikkontroll: 'trafik', // police activity: kept out of analytics below

  // brand
  Brand: 'brand',
  Mordbrand: 'brand',
  'Brand automatlarm': 'brand',

  Skadegörelse: 'skadegorelse',

  Narkotikabrott: 'narkotika',

  // alkohol
  'Fylleri/LOB': 'alkohol',
  Fylleri: 'alkohol',
  Alkohollagen: 'alkohol',

  // ordningsstorning: disorder in public places
  Bråk: 'ordningsstorning',
  'Ofredande/förargelse': 'ordningsstorning',
  Ordningslagen: 'ordningsstorning',
  Smällar: 'ordningsstorning',
  Sedlighetsbrott: 'ordningsstorning',
  'Olaga intrång': 'ordningsstorning',

  // ovrigt: not a place-bound safety problem, or not an incident at all
  Övrigt: 'ovrigt',
  'Sammanfattning natt': 'ovrigt',
  'Sammanfattning kväll och natt': 'ovrigt',
  'Sammanfattning dag': 'ovrigt',
  'Sammanfattning kväll': 'ovrigt',
  'Sammanfattning eftermiddag': 'ovrigt',
  'Sammanfattning helg': 'ovrigt',
  'Sammanfattning vecka': 'ovrigt',
  'Sammanfattning dygn': 'ovrigt',
  Arbetsplatsolycka: 'ovrigt',
  'Försvunnen person': 'ovrigt',
  Bedrägeri: 'ovrigt',
  Åldringsbrott: 'ovrigt',
  Fjällräddning: 'ovrigt',
  Djur: 'ovrigt',
  Räddningsinsats: 'ovrigt',
  'Anträffad död': 'ovrigt',
  Information: 'ovrigt',
  'Polisinsats/kommendering': 'ovrigt',
  Kontroll: 'ovrigt',
  'Kontroll person/fordon': 'ovrigt',
  Uppdatering: 'ovrigt',
  'Farligt föremål, misstänkt': 'ovrigt',
  'Vållande till kroppsskada': 'ovrigt',
  Skyddslagen: 'ovrigt',
  'Anträffat gods': 'ovrigt',
  'Upphittat föremål': 'ovrigt',
  'Efterlyst person': 'ovrigt',
  'Sjukdom/olycksfall': 'ovrigt',
  Sjölagen: 'ovrigt',
  Luftfartslagen: 'ovrigt',
  Miljöbrott: 'ovrigt',
  Utlänningslagen: 'ovrigt',
  'Missbruk av urkund': 'ovrigt',
  Förfalskningsbrott: 'ovrigt',
  Ekobrott: 'ovrigt',
  'Hets mot folkgrupp': 'ovrigt',
  'Lagen om hundar och katter': 'ovrigt',
  'Varningslarm/haveri': 'ovrigt',
  'Spridning smitta/kemikalier': 'ovrigt',
};

/**
 * Types stored but left out of analytics: they describe police work or publishing, not an
 * incident at a place. Summaries ("Sammanfattning natt", ...) are matched by prefix, since new
 * periods appear ("Sammanfattning helg" occurs twice in four years).
 */
export const NOT_IN_ANALYTICS_PREFIXES: readonly string[] = ['Sammanfattning'];
export const NOT_IN_ANALYTICS_TYPES: readonly string[] = [
  'Trafikkontroll',
  'Polisinsats/kommendering',
  'Kontroll person/fordon',
  'Information',
  'Uppdatering',
];

export function categoryForPolisenType(type: string): ReportCategoryCode {
  const trimmed = type.trim();
  return Object.hasOwn(POLISEN_TYPE_CATEGORIES, trimmed) ? POLISEN_TYPE_CATEGORIES[trimmed]! : 'ovrigt';
}

export function isPolisenTypeInAnalytics(type: string): boolean {
  const trimmed = type.trim();
  return !NOT_IN_ANALYTICS_TYPES.includes(trimmed) && !NOT_IN_ANALYTICS_PREFIXES.some((prefix) => trimmed.startsWith(prefix));
}
