/** The default EST taxonomy (DESIGN §3). Codes are stable API values. */
export interface TaxonomyEntry {
  code: string;
  kind: 'report' | 'finding';
  labelSv: string;
  labelEn: string;
  group: string;
}

const report = (code: string, labelSv: string, labelEn: string, group: string): TaxonomyEntry => ({
  code,
  kind: 'report',
  labelSv,
  labelEn,
  group,
});
const finding = (code: string, labelSv: string, labelEn: string, group: string): TaxonomyEntry => ({
  code,
  kind: 'finding',
  labelSv,
  labelEn,
  group,
});

export const DEFAULT_TAXONOMY: readonly TaxonomyEntry[] = [
  report('skadegorelse', 'Skadegörelse', 'Vandalism', 'skadegorelse'),
  report('klotter', 'Klotter', 'Graffiti', 'skadegorelse'),
  report('nedskrapning', 'Nedskräpning', 'Littering', 'miljo'),
  report('brand', 'Brand/anlagd brand', 'Fire/arson', 'skadegorelse'),
  report('otrygg-samling', 'Otrygghetsskapande samling', 'Intimidating gathering', 'ordning'),
  report('narkotika', 'Narkotika (misstänkt handel/bruk)', 'Drugs (suspected dealing/use)', 'brott'),
  report('alkohol', 'Alkohol/berusning', 'Alcohol/public drinking', 'ordning'),
  report('vald', 'Våld/hot', 'Violence/threats', 'brott'),
  report('stold', 'Stöld/inbrott', 'Theft/burglary', 'brott'),
  report('trafik', 'Trafikfara/buskörning', 'Traffic danger/reckless driving', 'trafik'),
  report('ordningsstorning', 'Ordningsstörning', 'Public disorder', 'ordning'),
  report('otrygg-plats', 'Otrygg plats', 'Unsafe place', 'miljo'),
  report('ovrigt', 'Övrigt', 'Other', 'ovrigt'),
  finding('belysning', 'Belysning', 'Lighting', 'miljo'),
  finding('vegetation', 'Vegetation', 'Vegetation', 'miljo'),
  finding('skymd-sikt', 'Skymd sikt/gömställen', 'Blocked sightlines/hiding places', 'miljo'),
  finding('klotter', 'Klotter', 'Graffiti', 'skadegorelse'),
  finding('nedskrapning', 'Nedskräpning', 'Littering', 'miljo'),
  finding('trasig-utrustning', 'Trasig utrustning', 'Broken equipment', 'miljo'),
  finding('trafikmiljo', 'Trafikmiljö', 'Traffic environment', 'trafik'),
  finding('overgiven-plats', 'Övergiven/ödslig plats', 'Abandoned/deserted place', 'miljo'),
  finding('ovrigt', 'Övrigt', 'Other', 'ovrigt'),
];
