import { fieldSv } from './features/field.sv';
import { plannerSv } from './features/planner.sv';
import { patrolsSv } from './features/patrols.sv';

/**
 * Swedish texts: the source of truth for every user-visible string. `{name}` marks a parameter.
 * Each feature's screens keep their texts in ./features/<feature>.sv.ts (and .en.ts).
 */
const core = {
  'app.name': 'Tryggkarta',
  'app.loading': 'Laddar …',
  'app.skipToMain': 'Hoppa till innehållet',

  'lang.label': 'Språk',
  'lang.sv': 'Svenska',
  'lang.en': 'English',

  'nav.label': 'Huvudmeny',
  'nav.lagesbild': 'Lägesbild',

  'lagesbild.title': 'Lägesbild',
  'lagesbild.heading': 'Lägesbild – {area}',

  'notFound.title': 'Sidan finns inte',
  'notFound.back': 'Till kartan',

  'login.title': 'Logga in',
  'login.intro': 'Lägesbild och hotspots för ditt område.',
  'login.email': 'E-postadress',
  'login.password': 'Lösenord',
  'login.submit': 'Logga in',
  'login.submitting': 'Loggar in …',
  'login.missingFields': 'Fyll i både e-postadress och lösenord.',

  'header.logout': 'Logga ut',
  'header.signedInAs': 'Inloggad som {name}, {role}',
  'header.demoBadge': 'Syntetiska demodata',
  'header.demoBadgeHint': 'Området innehåller påhittade rapporter för demonstration.',

  'role.reporter': 'rapportör',
  'role.walker': 'trygghetsvandrare',
  'role.planner': 'planerare',
  'role.analyst': 'analytiker',
  'role.admin': 'administratör',

  'filters.title': 'Filter',
  'filters.period': 'Period',
  'filters.period.days14': 'Senaste 14 dagarna',
  'filters.period.weeks4': 'Senaste 4 veckorna',
  'filters.period.quarter': 'Senaste kvartalet',
  'filters.period.year': 'Senaste året',
  'filters.period.custom': 'Eget intervall',
  'filters.period.from': 'Från och med',
  'filters.period.to': 'Till och med',
  'filters.period.invalid': 'Slutdatumet måste vara samma dag som eller efter startdatumet.',
  'filters.period.summary': '{from} – {to}',
  'filters.categories': 'Kategorier',
  'filters.categories.all': 'Välj alla',
  'filters.categories.none': 'Rensa',
  'filters.categories.selected': '{selected} av {total} valda',
  'filters.categories.loading': 'Hämtar kategorier …',
  'filters.resolution': 'Hexagonstorlek',
  'filters.resolution.auto': 'Automatisk efter zoom (nu {res})',
  'filters.resolution.fixed': 'Upplösning {res} ({area})',
  'filters.resolution.hint': 'Mindre hexagoner visar mer detalj men färre rapporter per cell.',

  'summary.title': 'Resultat',
  'summary.total': 'Rapporter',
  'summary.cells': 'Hexagoner',

  'status.loading': 'Hämtar hotspots …',
  'status.empty': 'Inga rapporter för valda filter',
  'status.noCategories': 'Välj minst en kategori för att visa rapporter.',
  'status.loaded': '{total} rapporter i {cells} hexagoner',
  'status.error': 'Det gick inte att hämta hotspots: {message}',
  'status.retry': 'Försök igen',

  'map.ariaLabel': 'Karta över {area} med hotspots per hexagon',
  'map.ariaLabelPlain': 'Karta',
  'map.basemapFallback': 'Bakgrundskartan kunde inte laddas; en enkel bakgrund visas.',
  'map.zoomIn': 'Zooma in',
  'map.zoomOut': 'Zooma ut',
  'map.popup.count': '{count} rapporter',
  'map.popup.countOne': '1 rapport',
  'map.popup.cell': 'Hexagon {cell}',
  'map.popup.close': 'Stäng',

  'legend.title': 'Rapporter per hexagon',
  'legend.resolution': 'Upplösning {res}: {area} per hexagon',
  'legend.noData': 'Ingen data att klassa',

  'area.km2': '~{value} km²',
  'area.m2': '~{value} m²',

  'public.title': 'Öppen karta',
  'public.heading': 'Öppen karta – {area}',
  'public.intro': 'Kartan visar var det har kommit in rapporter om otrygghet, skadegörelse och brott, räknade per hexagon.',
  'public.aggregation': 'Rapporterna räknas samman per hel vecka (måndag–söndag) och per hexagon ({area}). Enskilda händelser, tider och beskrivningar visas aldrig.',
  'public.suppression': 'Hexagoner med färre än {k} rapporter under perioden visas inte alls, så att ingen enskild händelse går att peka ut.',
  'public.about': 'Om kartan',
  'public.privacyTitle': 'Om siffrorna',
  'public.period': 'Period',
  'public.period.weeks': 'Senaste {weeks} hela veckorna',
  'public.weeks.sameYear': 'Vecka {first}–{last}, {year}',
  'public.weeks.span': 'Vecka {first}, {firstYear} – vecka {last}, {lastYear}',
  'public.summary.cells': '{cells} hexagoner med minst {k} rapporter',
  'public.summary.cellsOne': '1 hexagon med minst {k} rapporter',
  'public.summary.none': 'Ingen hexagon har {k} eller fler rapporter under perioden.',
  'public.status.loading': 'Hämtar kartan …',
  'public.status.error': 'Kartan kunde inte hämtas: {message}',
  'public.popup.count': '{count} rapporter',
  'public.mapLabel': 'Karta över {area} med antal rapporter per hexagon',
  'public.notPublished.title': 'Kartan är inte publicerad',
  'public.notPublished.body': 'Det finns ingen öppen karta på den här adressen. Området kan sakna en publicerad karta, eller så har adressen skrivits fel.',
  'public.staffLogin': 'Logga in (för personal)',

  'error.network': 'Ingen kontakt med servern. Kontrollera anslutningen och försök igen.',
  'error.invalid_credentials': 'Fel e-postadress eller lösenord.',
  'error.too_many_requests': 'För många försök. Vänta en stund och försök igen.',
  'error.rate_limited': 'För många försök. Vänta en stund och försök igen.',
  'error.account_locked': 'Kontot är tillfälligt låst efter för många försök. Vänta en stund och försök igen.',
  'error.unauthorized': 'Du behöver logga in igen.',
  'error.forbidden': 'Du har inte behörighet till detta.',
  'error.not_found': 'Det efterfrågade hittades inte.',
  'error.validation_failed': 'Ogiltiga uppgifter.',
  'error.server': 'Ett fel uppstod på servern. Försök igen om en stund.',
  'error.unknown': 'Något gick fel.',
} as const;

export const sv = { ...core, ...fieldSv, ...plannerSv, ...patrolsSv } as const;

export type MessageKey = keyof typeof sv;
export type CoreKey = keyof typeof core;
