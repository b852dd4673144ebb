/**
 * Short Swedish report texts in the style of field notes. `{plats}` becomes a location phrase of
 * the place ("vid busshållplatsen"), `{antal}` a head count.
 */
import type { Prng } from './prng.js';
import type { ReportCategory } from './taxonomy.js';

const TEMPLATES: Readonly<Record<ReportCategory, readonly string[]>> = {
  skadegorelse: [
    'Krossad glasruta {plats}',
    'Sönderslagen belysningsstolpe {plats}',
    'Uppbrutet elskåp {plats}',
    'Sparkade sönder papperskorgar {plats}',
    'Trasig bänk och krossade flaskor {plats}',
    'Skadegörelse på parkerade bilar {plats}, sidospeglar avslagna',
    'Sönderslagen dörr {plats}',
  ],
  klotter: [
    'Nytt klotter {plats}',
    'Tags på elskåp {plats}',
    'Stort målat klotter {plats}, behöver saneras',
    'Klotter med kränkande text {plats}, bör tas bort snabbt',
    'Klotter på skyltar och stolpar {plats}',
  ],
  nedskrapning: [
    'Mycket skräp och tomflaskor {plats}',
    'Överfulla papperskorgar {plats}',
    'Nedskräpat efter kvällen {plats}, pizzakartonger och burkar',
    'Dumpade sopsäckar {plats}',
    'Glassplitter och fimpar {plats}',
  ],
  brand: [
    'Brand i papperskorg {plats}, släckt av förbipasserande',
    'Containerbrand {plats}, räddningstjänsten på plats',
    'Bilbrand {plats}',
    'Anlagd brand i soptunna {plats}',
    'Mindre anlagd brand {plats}, brännmärken på marken',
    'Raketer avfyrade mot fasad {plats}',
  ],
  'otrygg-samling': [
    'Grupp ungdomar ca {antal} pers {plats}, högljudda',
    'Ca {antal} unga vuxna samlas {plats}, förbipasserande går omvägar',
    'Ungdomsgrupp {plats} kastar saker efter förbipasserande',
    'Ca {antal} personer samlas {plats} varje kväll, upplevs otryggt',
    'Mopedgäng ca {antal} pers samlas {plats}',
  ],
  narkotika: [
    'Misstänkt narkotikaförsäljning {plats}',
    'Stark lukt av cannabis {plats}, ca {antal} personer',
    'Misstänkt langning {plats}, personer kommer och går snabbt',
    'Kanyler hittade {plats}',
    'Påverkade personer {plats}, misstänkt narkotika',
  ],
  alkohol: [
    'Offentligt drickande {plats}, ca {antal} pers',
    'Kraftigt berusad person {plats}',
    'Berusade ungdomar {plats}',
    'Drickande pågår {plats}, många tomma burkar',
  ],
  vald: [
    'Slagsmål {plats}, ca {antal} inblandade',
    'Misshandel {plats}, en person skadad',
    'Hot mot personal {plats}',
    'Bråk mellan två grupper {plats}, knuffar och slag',
    'Person hotad med kniv {plats}',
  ],
  stold: [
    'Cykelstöld {plats}',
    'Butikssnatteri {plats}',
    'Ficktjuv {plats}, plånbok stulen',
    'Stulen mobiltelefon {plats}',
    'Stöld ur bil {plats}, krossad sidoruta',
  ],
  trafik: [
    'Buskörning med moped {plats}',
    'Fortkörning {plats}, bilar i hög fart',
    'Mopedbilar kör på gångbanan {plats}',
    'Farlig omkörning nära övergångsstället {plats}',
    'Crossmotorcykel på gång- och cykelvägen {plats}',
  ],
  ordningsstorning: [
    'Högljudd grupp {plats}, stör boende',
    'Bråk och skrik {plats}',
    'Smällare {plats}',
    'Musik på hög volym {plats} sent på kvällen',
    'Berusade personer stör ordningen {plats}',
  ],
  'otrygg-plats': [
    'Trasig belysning {plats}, mörkt och otryggt',
    'Skymd sikt {plats}, svårt att se vem som kommer',
    'Ödsligt {plats}, flera boende har hört av sig',
    'Upplevs otryggt {plats} efter mörkrets inbrott',
    'Dålig belysning {plats}, många undviker platsen',
  ],
  ovrigt: [
    'Övergiven cykel {plats}',
    'Person sover utomhus {plats}, verkar frusen',
    'Trasigt staket {plats}',
    'Lös hund {plats}',
    'Boende frågar efter mer närvaro {plats}',
  ],
};

export function describeReport(prng: Prng, category: ReportCategory, spots: readonly string[]): string {
  const template = prng.pick(TEMPLATES[category]);
  let text = template.replace('{plats}', prng.pick(spots));
  if (text.includes('{antal}')) text = text.replace('{antal}', String(prng.int(3, 20)));
  return text;
}
