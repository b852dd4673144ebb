/**
 * Swedish personal identity numbers and phone numbers in free text. Pure: no I/O and no Node
 * imports, so the web app's report form can warn with the same rules the server applies.
 *
 * Offsets are JavaScript string indices (UTF-16 code units); `end` is exclusive.
 */

export type PersonalDataKind = 'personnummer' | 'samordningsnummer' | 'phone';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

/** Hyphen-minus plus the dashes phone keyboards and word processors put in its place. */
const DASHES = '\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212';

/**
 * YYMMDD-XXXX, YYMMDD+XXXX, YYMMDDXXXX, YYYYMMDDXXXX, YYYYMMDD-XXXX. Candidates only: the date
 * and the check digit decide. Digits either side mean a longer number, not an identity number.
 */
const IDENTITY_CANDIDATE = new RegExp(`(?<!\\d)(\\d{2})?(\\d{6})([${DASHES}+])?(\\d{4})(?!\\d)`, 'g');

/**
 * The Luhn check digit of the first nine digits of a 10-digit identity number (YYMMDDNNN).
 * @example luhnCheckDigit('121212121') // 2, so 121212-1212 is valid
 */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = (nineDigits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(month: number, leap: boolean): number {
  if (month === 2) return leap ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * What a 10-digit YYMMDDNNNC (with the full year when known) is: a personnummer, a
 * samordningsnummer (day + 60), or nothing (impossible date or wrong check digit).
 */
export function classifyIdentityNumber(tenDigits: string, fullYear?: number): 'personnummer' | 'samordningsnummer' | undefined {
  if (!/^\d{10}$/.test(tenDigits)) return undefined;
  const month = Number(tenDigits.slice(2, 4));
  const day = Number(tenDigits.slice(4, 6));
  if (month < 1 || month > 12) return undefined;
  // Without the century (10-digit form) "00" may be 2000, a leap year, so 29 February stands.
  const leap = fullYear === undefined ? Number(tenDigits.slice(0, 2)) % 4 === 0 : isLeapYear(fullYear);
  const maxDay = daysInMonth(month, leap);
  let kind: 'personnummer' | 'samordningsnummer';
  if (day >= 1 && day <= maxDay) kind = 'personnummer';
  else if (day >= 61 && day <= 60 + maxDay) kind = 'samordningsnummer';
  else return undefined;
  return luhnCheckDigit(tenDigits.slice(0, 9)) === Number(tenDigits[9]) ? kind : undefined;
}

function findIdentityNumbers(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const m of text.matchAll(IDENTITY_CANDIDATE)) {
    const [whole, century, yymmdd, separator, last4] = m as unknown as [string, string | undefined, string, string | undefined, string];
    let fullYear: number | undefined;
    if (century !== undefined) {
      // The 12-digit form never uses "+" (that marks age 100+ in the 10-digit form only).
      if (separator === '+' || !['18', '19', '20'].includes(century)) continue;
      fullYear = Number(century + yymmdd.slice(0, 2));
    }
    const kind = classifyIdentityNumber(yymmdd + last4, fullYear);
    if (kind) found.push({ kind, start: m.index, end: m.index + whole.length });
  }
  return found;
}

/** Where a phone number can start: +46, 0046 or a trunk 0, not glued to a word or another number. */
const PHONE_START = /(?<![\p{L}\p{N}_+])(?:\+46|0046|\(0|0)/gu;
/** Between digit groups: one space, or a dash or slash with at most one space either side. */
const GROUP_SEPARATOR = new RegExp(`^(?:[ \u00a0]?[${DASHES}/][ \u00a0]?|[ \u00a0])`);
const MOBILE_PREFIXES = ['070', '072', '073', '076', '079'];

interface DigitGroup {
  digits: string;
  end: number;
}

/**
 * Whether national digits (leading 0) in these groups form a Swedish phone number: a mobile
 * number 07x-xxx xx xx (10 digits), or a landline or service number (0771…, 020…) of 9–10
 * digits whose first group is its area code (08, 0xx, 0xxx) or which is written without
 * separators. The rules on groups keep years, times, dates, counts and postcodes out.
 */
function isSwedishPhone(groups: readonly string[]): boolean {
  const national = groups.join('');
  if (!/^0[1-9]\d+$/.test(national)) return false;
  if (MOBILE_PREFIXES.includes(national.slice(0, 3))) {
    if (national.length !== 10) return false;
  } else if (national.startsWith('07') && !national.startsWith('077')) {
    // 071, 074, 075, 078: machine-to-machine and other ranges nobody writes in a report.
    return false;
  } else if (national.length < 9 || national.length > 10) {
    return false;
  }
  if (groups.length === 1) return true;
  const [areaCode, ...rest] = groups as [string, ...string[]];
  if (areaCode.length < 2 || areaCode.length > 4) return false;
  // Stockholm's 08 is the only one-digit area code; "05 12 2025" is a date, not a number.
  if (areaCode.length === 2 && areaCode !== '08') return false;
  if (national.startsWith('07') && areaCode.length === 2) return false;
  return rest.every((g) => g.length >= 2 && g.length <= 8);
}

/** Reads digit groups from `pos`, stopping at anything that is not a digit or one separator. */
function readGroups(text: string, pos: number, first: string): DigitGroup[] {
  const groups: DigitGroup[] = [];
  let digits = first;
  let i = pos;
  for (;;) {
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) digits += text[i++];
    if (digits.length > 0) groups.push({ digits, end: i });
    digits = '';
    if (groups.length >= 6) break;
    const separator = GROUP_SEPARATOR.exec(text.slice(i, i + 3));
    if (!separator) break;
    const next = i + separator[0].length;
    if (!(text.charCodeAt(next) >= 48 && text.charCodeAt(next) <= 57)) break;
    i = next;
  }
  return groups;
}

function findPhoneNumbers(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  PHONE_START.lastIndex = 0;
  for (let m = PHONE_START.exec(text); m !== null; m = PHONE_START.exec(text)) {
    const start = m.index;
    let groups: DigitGroup[];
    if (m[0] === '(0') {
      // "(08) 123 45 67", "(070) 123 45 67": the area code in parentheses.
      const close = /^(\d{1,3})\)[ \u00a0]?(?=\d)/.exec(text.slice(start + 2, start + 8));
      if (!close) continue;
      const areaCode: DigitGroup = { digits: '0' + close[1], end: start + 2 + close[1]!.length + 1 };
      groups = [areaCode, ...readGroups(text, start + 2 + close[0].length, '')];
    } else if (m[0] === '0') {
      groups = readGroups(text, start + 1, '0');
    } else {
      // +46 / 0046, then the national number without its trunk 0, perhaps as "(0)".
      let i = start + m[0].length;
      const gap = /^[ \u00a0]?(?:\(0\)[ \u00a0]?)?/.exec(text.slice(i, i + 5))![0];
      i += gap.length;
      // "+46 070-…" keeps the trunk 0 by mistake, but it is still the same number.
      if (!gap.includes('(') && text[i] === '0') i++;
      if (!(text.charCodeAt(i) >= 49 && text.charCodeAt(i) <= 57)) continue;
      groups = readGroups(text, i, '0');
    }
    // The longest run of groups that is a phone number: "070-123 45 67 2 gånger" stops before " 2".
    for (let n = groups.length; n >= 1; n--) {
      if (isSwedishPhone(groups.slice(0, n).map((g) => g.digits))) {
        const end = groups[n - 1]!.end;
        found.push({ kind: 'phone', start, end });
        PHONE_START.lastIndex = end;
        break;
      }
    }
  }
  return found;
}

const overlaps = (a: PersonalDataFinding, b: PersonalDataFinding) => a.start < b.end && b.start < a.end;

/**
 * Personnummer, samordningsnummer (both with a valid date and Luhn check digit) and Swedish
 * phone numbers in `text`, in order. A bare 10-digit run that is a valid phone number counts
 * as a phone number.
 * @example findPersonalData('Ring 070-123 45 67') // [{ kind: 'phone', start: 5, end: 18 }]
 */
export function findPersonalData(text: string): PersonalDataFinding[] {
  const phones = findPhoneNumbers(text);
  const identities = findIdentityNumbers(text).filter((id) => !phones.some((p) => overlaps(p, id)));
  return [...identities, ...phones].sort((a, b) => a.start - b.start);
}

const MASKS: Record<PersonalDataKind, string> = {
  personnummer: '[personnummer]',
  samordningsnummer: '[samordningsnummer]',
  phone: '[telefonnummer]',
};

/**
 * `text` with each personal identity number and phone number replaced by a placeholder.
 * @example maskPersonalData('Kontakt: 19121212-1212') // 'Kontakt: [personnummer]'
 */
export function maskPersonalData(text: string): string {
  let masked = text;
  for (const f of findPersonalData(text).reverse()) masked = masked.slice(0, f.start) + MASKS[f.kind] + masked.slice(f.end);
  return masked;
}
