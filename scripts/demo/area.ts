/**
 * The demo area: central Eskilstuna drawn by hand. Places are real-ish (right district, right
 * kind of spot) but the events generated around them are entirely synthetic.
 */
import type { MultiPolygon } from 'geojson';

export type LngLat = readonly [lng: number, lat: number];

export interface DemoPlace {
  key: string;
  name: string;
  kind: string;
  lng: number;
  lat: number;
  /** Linear places (roads, the riverside walk): reports fall along this line rather than around the point. */
  path?: readonly LngLat[];
  /** Swedish location phrases for report descriptions ("vid busshållplatsen"). */
  spots: readonly string[];
}

export const DEMO_AREA_CODE = 'demo';
export const DEMO_AREA_NAME = 'Eskilstuna centrum (demo, syntetiska data)';
export const DEMO_TIME_ZONE = 'Europe/Stockholm';

/**
 * About 7.2 × 6.8 km around the centre: Lagersberg/Råbergstorp in the west, Tuna Park in the east,
 * Fröslunda in the south, Munktellstaden in the north. Star-shaped around the centre with
 * strictly increasing bearing, so the ring cannot self-intersect; counter-clockwise per RFC 7946.
 */
export const DEMO_BOUNDARY: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [16.58387, 59.368], [16.57694, 59.37384], [16.58044, 59.38071], [16.57062, 59.38526],
        [16.56082, 59.38889], [16.55575, 59.3946], [16.5429, 59.3953], [16.53438, 59.39936],
        [16.52166, 59.39593], [16.512, 59.39772], [16.50204, 59.3968], [16.49434, 59.39274],
        [16.4842, 59.39256], [16.4804, 59.38721], [16.47105, 59.38553], [16.4632, 59.38237],
        [16.4637, 59.37697], [16.4577, 59.37288], [16.46003, 59.368], [16.45705, 59.36306],
        [16.45795, 59.35797], [16.46661, 59.35463], [16.47114, 59.35051], [16.47599, 59.34611],
        [16.48685, 59.34578], [16.49286, 59.34118], [16.50268, 59.34103], [16.512, 59.33837],
        [16.52134, 59.34098], [16.5316, 59.34053], [16.53978, 59.34346], [16.55262, 59.34331],
        [16.56073, 59.34714], [16.56608, 59.35207], [16.57801, 59.35574], [16.57811, 59.36205],
        [16.58387, 59.368],
      ],
    ],
  ],
};

/** The places whose behaviour drives the hotspot demo; report patterns live in sources.ts. */
export const DEMO_PLACES: readonly DemoPlace[] = [
  {
    key: 'krogstraket', name: 'Fristadstorget/Kungsgatan (krogstråket)', kind: 'nattliv',
    lng: 16.5093, lat: 59.3712,
    spots: ['vid Fristadstorget', 'på Kungsgatan', 'utanför krogen på Kungsgatan', 'vid fontänen Arbetets ära', 'vid taxikön på Rademachergatan', 'vid Pin Point'],
  },
  {
    key: 'resecentrum', name: 'Eskilstuna resecentrum', kind: 'station',
    lng: 16.5068, lat: 59.3663,
    spots: ['vid resecentrum', 'vid busshållplatserna', 'i vänthallen', 'vid cykelparkeringen', 'på perrongen', 'i gångtunneln under spåren'],
  },
  {
    key: 'stadsparken', name: 'Stadsparken', kind: 'park',
    lng: 16.5150, lat: 59.3728,
    spots: ['i Stadsparken', 'vid scenen i Stadsparken', 'vid lekplatsen i Stadsparken', 'vid ån i Stadsparken', 'på gräsytan i Stadsparken'],
  },
  {
    key: 'fritidsgard', name: 'Fröslunda fritidsgård', kind: 'fritidsgard',
    lng: 16.5305, lat: 59.3572,
    spots: ['vid Fröslunda fritidsgård', 'utanför fritidsgården', 'vid Fröslunda centrum', 'på baksidan av fritidsgården', 'vid busshållplatsen i Fröslunda'],
  },
  {
    key: 'skola-lagersberg', name: 'Lagersbergsskolan', kind: 'skola',
    lng: 16.4770, lat: 59.3645,
    spots: ['vid Lagersbergsskolan', 'på skolgården', 'vid idrottshallen', 'bakom skolan', 'vid cykelställen'],
  },
  {
    key: 'skola-rinman', name: 'Rinmansskolan', kind: 'skola',
    lng: 16.5040, lat: 59.3722,
    spots: ['vid Rinmansskolan', 'på skolgården vid Rinmansskolan', 'vid cykelställen', 'vid entrén', 'vid matsalen'],
  },
  {
    key: 'lagersberg', name: 'Lagersberg (bostadsområde)', kind: 'bostadsomrade',
    lng: 16.4745, lat: 59.3660,
    spots: ['i Lagersberg', 'vid Lagersbergs centrum', 'vid soprummet', 'på parkeringen i Lagersberg', 'vid återvinningsstationen', 'i trapphuset', 'på innergården'],
  },
  {
    key: 'tunapark', name: 'Tuna Park köpcentrum', kind: 'kopcentrum',
    lng: 16.5610, lat: 59.3790,
    spots: ['vid Tuna Park', 'på parkeringen vid Tuna Park', 'vid entrén till köpcentret', 'vid busshållplatsen vid Tuna Park', 'i varumottagningen'],
  },
  {
    key: 'tunavallen', name: 'Tunavallen idrottsplats', kind: 'idrottsplats',
    lng: 16.5270, lat: 59.3770,
    spots: ['vid Tunavallen', 'vid läktaren', 'på parkeringen vid Tunavallen', 'vid konstgräsplanen', 'vid omklädningsrummen'],
  },
  {
    key: 'strandpromenaden', name: 'Strandpromenaden längs Eskilstunaån', kind: 'gangstrak',
    lng: 16.5132, lat: 59.3712,
    path: [[16.5135, 59.3600], [16.5128, 59.3650], [16.5120, 59.3685], [16.5132, 59.3712], [16.5112, 59.3740], [16.5060, 59.3762], [16.5020, 59.3785]],
    spots: ['på strandpromenaden', 'vid ån', 'vid gångbron över ån', 'under bron', 'på gångvägen längs Eskilstunaån'],
  },
  {
    key: 'munktell-parkering', name: 'Parkeringsdäcket i Munktellstaden (nytt tillhåll)', kind: 'parkering',
    lng: 16.4990, lat: 59.3752,
    spots: ['i parkeringsdäcket', 'vid trapphuset i parkeringsdäcket', 'på översta planet', 'vid infarten till parkeringsdäcket'],
  },
  {
    key: 'nyfors-centrum', name: 'Nyfors centrum (medborgarlöfte, fotpatrull)', kind: 'lokalt-centrum',
    lng: 16.5360, lat: 59.3700,
    spots: ['vid Nyfors centrum', 'utanför pizzerian i Nyfors', 'vid busshållplatsen i Nyfors', 'på torget i Nyfors', 'vid tobaksaffären'],
  },
  {
    key: 'malarvagen', name: 'Mälarvägen', kind: 'vag',
    lng: 16.5232, lat: 59.3650,
    path: [[16.5235, 59.3470], [16.5240, 59.3560], [16.5232, 59.3650], [16.5225, 59.3740], [16.5230, 59.3830], [16.5250, 59.3920]],
    spots: ['på Mälarvägen', 'i korsningen vid Mälarvägen', 'vid övergångsstället på Mälarvägen', 'i rondellen på Mälarvägen'],
  },
  {
    key: 'vasterleden', name: 'Västerleden', kind: 'vag',
    lng: 16.4900, lat: 59.3700,
    path: [[16.4700, 59.3520], [16.4830, 59.3600], [16.4900, 59.3700], [16.4930, 59.3800], [16.4950, 59.3890]],
    spots: ['på Västerleden', 'vid avfarten från Västerleden', 'i rondellen på Västerleden'],
  },
  {
    key: 'nyforsgatan', name: 'Drottninggatan–Nyforsgatan', kind: 'vag',
    lng: 16.5200, lat: 59.3690,
    path: [[16.4850, 59.3685], [16.4980, 59.3690], [16.5100, 59.3692], [16.5200, 59.3690], [16.5350, 59.3688], [16.5520, 59.3695]],
    spots: ['på Drottninggatan', 'på Nyforsgatan', 'vid övergångsstället på Nyforsgatan', 'i korsningen Drottninggatan/Nygatan'],
  },
];

/** Location phrases for scattered background reports that belong to no particular place. */
export const BACKGROUND_SPOTS: readonly string[] = [
  'på gång- och cykelvägen', 'vid lekplatsen', 'vid återvinningsstationen', 'på parkeringen',
  'i gångtunneln', 'vid busshållplatsen', 'i skogsdungen', 'vid garagelängan', 'bakom närbutiken',
  'vid bollplanen', 'på innergården',
];
