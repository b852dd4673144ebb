import type { CoreKey, MessageKey } from './sv';
import { fieldEn } from './features/field.en';
import { plannerEn } from './features/planner.en';
import { patrolsEn } from './features/patrols.en';

/** English texts; the type makes a missing or extra key a compile error. */
const core: Record<CoreKey, string> = {
  'app.name': 'Tryggkarta',
  'app.loading': 'Loading …',
  'app.skipToMain': 'Skip to content',

  'lang.label': 'Language',
  'lang.sv': 'Svenska',
  'lang.en': 'English',

  'nav.label': 'Main menu',
  'nav.lagesbild': 'Situation picture',

  'lagesbild.title': 'Situation picture',
  'lagesbild.heading': 'Situation picture – {area}',

  'notFound.title': 'Page not found',
  'notFound.back': 'Back to the map',

  'login.title': 'Sign in',
  'login.intro': 'Situation picture and hotspots for your area.',
  'login.email': 'Email address',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in …',
  'login.missingFields': 'Enter both email address and password.',

  'header.logout': 'Sign out',
  'header.signedInAs': 'Signed in as {name}, {role}',
  'header.demoBadge': 'Synthetic demo data',
  'header.demoBadgeHint': 'This area contains made-up reports for demonstration.',

  'role.reporter': 'reporter',
  'role.walker': 'safety walker',
  'role.planner': 'planner',
  'role.analyst': 'analyst',
  'role.admin': 'administrator',

  'filters.title': 'Filters',
  'filters.period': 'Period',
  'filters.period.days14': 'Last 14 days',
  'filters.period.weeks4': 'Last 4 weeks',
  'filters.period.quarter': 'Last quarter',
  'filters.period.year': 'Last year',
  'filters.period.custom': 'Custom range',
  'filters.period.from': 'From (inclusive)',
  'filters.period.to': 'To (inclusive)',
  'filters.period.invalid': 'The end date must be on or after the start date.',
  'filters.period.summary': '{from} – {to}',
  'filters.categories': 'Categories',
  'filters.categories.all': 'Select all',
  'filters.categories.none': 'Clear',
  'filters.categories.selected': '{selected} of {total} selected',
  'filters.categories.loading': 'Loading categories …',
  'filters.resolution': 'Hexagon size',
  'filters.resolution.auto': 'Automatic by zoom (now {res})',
  'filters.resolution.fixed': 'Resolution {res} ({area})',
  'filters.resolution.hint': 'Smaller hexagons show more detail but fewer reports per cell.',

  'summary.title': 'Result',
  'summary.total': 'Reports',
  'summary.cells': 'Hexagons',

  'status.loading': 'Loading hotspots …',
  'status.empty': 'No reports for the selected filters',
  'status.noCategories': 'Select at least one category to show reports.',
  'status.loaded': '{total} reports in {cells} hexagons',
  'status.error': 'Could not load hotspots: {message}',
  'status.retry': 'Try again',

  'map.ariaLabel': 'Map of {area} with hotspots per hexagon',
  'map.ariaLabelPlain': 'Map',
  'map.basemapFallback': 'The basemap could not be loaded; a plain background is shown.',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'map.popup.count': '{count} reports',
  'map.popup.countOne': '1 report',
  'map.popup.cell': 'Hexagon {cell}',
  'map.popup.close': 'Close',

  'legend.title': 'Reports per hexagon',
  'legend.resolution': 'Resolution {res}: {area} per hexagon',
  'legend.noData': 'No data to classify',

  'area.km2': '~{value} km²',
  'area.m2': '~{value} m²',

  'public.title': 'Open map',
  'public.heading': 'Open map – {area}',
  'public.intro': 'The map shows where reports of insecurity, vandalism and crime have come in, counted per hexagon.',
  'public.aggregation': 'Reports are counted per whole week (Monday–Sunday) and per hexagon ({area}). Single events, times and descriptions are never shown.',
  'public.suppression': 'Hexagons with fewer than {k} reports in the period are not shown at all, so that no single event can be singled out.',
  'public.about': 'About the map',
  'public.privacyTitle': 'About the figures',
  'public.period': 'Period',
  'public.period.weeks': 'Last {weeks} complete weeks',
  'public.weeks.sameYear': 'Weeks {first}–{last}, {year}',
  'public.weeks.span': 'Week {first}, {firstYear} – week {last}, {lastYear}',
  'public.summary.cells': '{cells} hexagons with at least {k} reports',
  'public.summary.cellsOne': '1 hexagon with at least {k} reports',
  'public.summary.none': 'No hexagon has {k} or more reports in the period.',
  'public.status.loading': 'Loading the map …',
  'public.status.error': 'The map could not be loaded: {message}',
  'public.popup.count': '{count} reports',
  'public.mapLabel': 'Map of {area} with the number of reports per hexagon',
  'public.notPublished.title': 'This map is not published',
  'public.notPublished.body': 'There is no open map at this address. The area may not have published one, or the address may be mistyped.',
  'public.staffLogin': 'Log in (staff)',

  'error.network': 'No contact with the server. Check the connection and try again.',
  'error.invalid_credentials': 'Wrong email address or password.',
  'error.too_many_requests': 'Too many attempts. Wait a while and try again.',
  'error.rate_limited': 'Too many attempts. Wait a while and try again.',
  'error.account_locked': 'The account is temporarily locked after too many attempts. Wait a while and try again.',
  'error.unauthorized': 'Please sign in again.',
  'error.forbidden': 'You do not have permission for this.',
  'error.not_found': 'What you asked for was not found.',
  'error.validation_failed': 'Invalid input.',
  'error.server': 'A server error occurred. Try again in a while.',
  'error.unknown': 'Something went wrong.',
};

export const en: Record<MessageKey, string> = { ...core, ...fieldEn, ...plannerEn, ...patrolsEn };
