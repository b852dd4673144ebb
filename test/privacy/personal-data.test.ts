import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classifyIdentityNumber,
  findPersonalData,
  luhnCheckDigit,
  maskPersonalData,
  type PersonalDataKind,
} from '../../server/privacy/personal-data';
import { maskReportForExport, personalDataWarnings } from '../../server/privacy/report-privacy';
import * as webPrivacy from '../../web/src/lib/privacy';

/**
 * The check digit computed the way Skatteverket describes it, independently of the code under
 * test: double every other digit from the left of YYMMDDNNN, add the digits of the products.
 */
function checkDigit(nine: string): number {
  const sum = [...nine].reduce((acc, ch, i) => {
    const product = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + Math.floor(product / 10) + (product % 10);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

/** A valid 10-digit number for a birth date (YYMMDD) and serial (NNN). */
function valid10(yymmdd: string, serial: string): string {
  return yymmdd + serial + checkDigit(yymmdd + serial);
}

/** The same number with a wrong check digit. */
function wrongCheck(tenDigits: string): string {
  return tenDigits.slice(0, 9) + ((Number(tenDigits[9]) + 1) % 10);
}

const kinds = (text: string) => findPersonalData(text).map((f) => f.kind);
const spans = (text: string) => findPersonalData(text).map((f) => text.slice(f.start, f.end));

describe('Luhn check digit', () => {
  it("gives 2 for Skatteverket's test number 121212-121_", () => {
    expect(luhnCheckDigit('121212121')).toBe(2);
  });

  it('agrees with the independent computation on many numbers', () => {
    for (let i = 0; i < 2000; i++) {
      const nine = String((i * 7919 + 12345) % 1_000_000_000).padStart(9, '0');
      expect(luhnCheckDigit(nine), nine).toBe(checkDigit(nine));
    }
  });
});

describe('personnummer and samordningsnummer', () => {
  const born1985 = valid10('850723', '123');
  const born2000Leap = valid10('000229', '456');
  const samordning = valid10('850783', '123'); // 23 July + 60
  const old = valid10('170301', '987');

  it.each([
    ['19121212-1212', 'the 12-digit form with hyphen'],
    ['121212-1212', 'the 10-digit form with hyphen'],
    ['121212+1212', 'the 10-digit form with plus (100 years or older)'],
    ['191212121212', 'the 12-digit form without separator'],
    ['1212121212', 'the 10-digit form without separator'],
    [`${born1985.slice(0, 6)}-${born1985.slice(6)}`, 'a built 10-digit number'],
    [`19${born1985.slice(0, 6)}-${born1985.slice(6)}`, 'a built 12-digit number with hyphen'],
    [`19${born1985}`, 'a built 12-digit number without separator'],
    [`${born1985.slice(0, 6)}\u2013${born1985.slice(6)}`, 'an en dash as the separator (phone keyboards)'],
    [`20${born2000Leap}`, '29 February 2000 (a leap year)'],
    [`${born2000Leap.slice(0, 6)}-${born2000Leap.slice(6)}`, '29 February without century'],
    [`${old.slice(0, 6)}+${old.slice(6)}`, 'born 1917, written with plus'],
  ])('flags %s (%s)', (text) => {
    expect(findPersonalData(text)).toEqual([{ kind: 'personnummer', start: 0, end: text.length }]);
  });

  it.each([
    [`${samordning.slice(0, 6)}-${samordning.slice(6)}`],
    [`19${samordning}`],
    [`19${samordning.slice(0, 6)}-${samordning.slice(6)}`],
  ])('flags samordningsnummer %s (day + 60)', (text) => {
    expect(kinds(text)).toEqual(['samordningsnummer']);
  });

  it('finds a number inside a sentence, with its exact offsets', () => {
    const text = `Mannen uppgav pnr ${born1985.slice(0, 6)}-${born1985.slice(6)} och sprang därifrån.`;
    const [finding] = findPersonalData(text);
    expect(finding).toEqual({ kind: 'personnummer', start: 18, end: 29 });
    expect(text.slice(finding!.start, finding!.end)).toBe(`${born1985.slice(0, 6)}-${born1985.slice(6)}`);
  });

  it.each([
    ['121212-1213', 'a wrong check digit'],
    [wrongCheck('1212121212'), 'a wrong check digit without separator'],
    [`19${wrongCheck(born1985)}`, 'a wrong check digit in the 12-digit form'],
    [valid10('851323', '123'), 'month 13'],
    [valid10('850732', '123'), '32 July'],
    [valid10('850230', '123'), '30 February'],
    [valid10('850229', '123'), '29 February in a year that is not a leap year'],
    [`19${valid10('000229', '456')}`, '29 February 1900 (not a leap year)'],
    [valid10('850792', '123'), 'samordningsnummer day 92'],
    [valid10('850700', '123'), 'day 0'],
    [valid10('850023', '123'), 'month 0'],
    [`17${born1985}`, 'a century before 1800'],
    [`19${born1985.slice(0, 6)}+${born1985.slice(6)}`, 'a plus in the 12-digit form'],
  ])('does not flag %s (%s)', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it.each([
    ['1234567890', 'a random 10-digit number'],
    ['9876543210', 'another'],
    ['Ordernummer 5512345678', 'an order number (day 34)'],
    ['2026-01-15', 'an ISO date'],
    ['20260115', 'a compact date'],
    ['15/1 2026 kl 22.30', 'a Swedish date and time'],
    [`99${born1985}00`, 'a valid number inside a longer run of digits'],
    [`x${born1985}7`, 'a digit glued to the end'],
    ['Ärende 5000-K123456-24', 'a case number'],
  ])('does not flag %s (%s)', (text) => {
    expect(kinds(text).filter((k) => k !== 'phone')).toEqual([]);
  });

  it('flags fewer than 1 % of random 10-digit numbers, and only those with a real date and check digit', () => {
    let state = 20260822;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
    let flagged = 0;
    const N = 10_000;
    for (let i = 0; i < N; i++) {
      const digits = String(next() % 10_000_000_000).padStart(10, '0').slice(-10);
      const text = `${digits.slice(0, 6)}-${digits.slice(6)}`;
      const found = findPersonalData(text);
      if (found.length) {
        flagged++;
        const month = Number(digits.slice(2, 4));
        const day = Number(digits.slice(4, 6)) % 60;
        expect(month >= 1 && month <= 12 && day >= 1 && day <= 31, text).toBe(true);
        expect(checkDigit(digits.slice(0, 9)), text).toBe(Number(digits[9]));
      }
    }
    expect(flagged / N).toBeLessThan(0.01);
  });

  it('classifies by date and check digit alone', () => {
    expect(classifyIdentityNumber('1212121212')).toBe('personnummer');
    expect(classifyIdentityNumber(samordning)).toBe('samordningsnummer');
    expect(classifyIdentityNumber('0002291234', 1900)).toBeUndefined();
    expect(classifyIdentityNumber('12121212')).toBeUndefined();
  });
});

describe('phone numbers', () => {
  it.each([
    '070-123 45 67',
    '070 123 45 67',
    '0701234567',
    '070-1234567',
    '073-987 65 43',
    '076 123 45 67',
    '079-123 45 67',
    '072-123 45 67',
    '070 - 123 45 67',
    '070\u2013123 45 67',
    '070/123 45 67',
    '+46 70 123 45 67',
    '+46701234567',
    '+46 (0)70-123 45 67',
    '+46 070-123 45 67',
    '0046 70 123 45 67',
    '0046701234567',
    '08-123 456 78',
    '08-123 45 67',
    '08 123 456 78',
    '+46 8 123 456 78',
    '(08) 123 45 67',
    '031-12 34 56',
    '031-123 45 67',
    '016-10 20 30',
    '0171-123 45',
    '0980-123 45',
    '010-123 45 67',
    '020-123 456',
    '0771-123 456',
  ])('flags %s', (text) => {
    expect(findPersonalData(text)).toEqual([{ kind: 'phone', start: 0, end: text.length }]);
  });

  it('finds numbers in sentences and stops where the number ends', () => {
    expect(spans('Ring 070-123 45 67 2 gånger om ingen svarar.')).toEqual(['070-123 45 67']);
    expect(spans('Tel: 08-123 456 78, mobil +46 70 987 65 43.')).toEqual(['08-123 456 78', '+46 70 987 65 43']);
    expect(spans('(Kontakt 031-12 34 56)')).toEqual(['031-12 34 56']);
    expect(spans('Vittne nås på 0701234567 efter kl 17.')).toEqual(['0701234567']);
  });

  it.each([
    ['2024', 'a year'],
    ['Hände 2024-05-17', 'an ISO date'],
    ['kl. 22.30', 'a time'],
    ['22.30–23.15', 'a time span'],
    ['08.30', 'a morning time'],
    ['öppet 08-17', 'opening hours'],
    ['08:00-09:30', 'a time range with colons'],
    ['15 personer', 'a count'],
    ['ca 20-30 ungdomar', 'a range of counts'],
    ['631 86 Eskilstuna', 'a postcode'],
    ['Kungsgatan 12, 632 20 Eskilstuna', 'an address'],
    ['59.3700, 16.5000', 'coordinates in degrees'],
    ['59°22′N 16°30′E', 'coordinates in degrees and minutes'],
    ['N 6581234 E 153456', 'SWEREF 99 TM coordinates'],
    ['05 12 2025', 'a date written with spaces'],
    ['01/12 2025', 'a date with a slash'],
    ['0 kr', 'nothing'],
    ['0,5 promille', 'a decimal'],
    ['0012345678', 'an international prefix with nothing after it'],
    ['070-123 45', 'a mobile number too short'],
    ['071-123 45 67', 'a machine-to-machine prefix'],
    ['03 04 05 06 07', 'a list of numbers'],
    ['Reg.nr ABC 012', 'a registration plate'],
    ['Ärende 5000-K123456-24', 'a case number'],
  ])('does not flag %s (%s)', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('calls a bare 10-digit run a phone number when it is one', () => {
    // 070123-4567 is a valid date, but written as a phone number it is a phone number.
    expect(kinds('0701234567')).toEqual(['phone']);
  });
});

describe('maskPersonalData', () => {
  it('replaces each finding with a placeholder naming its kind', () => {
    const samordning = valid10('850783', '123');
    const text = `Kontakt 19121212-1212, samordningsnr ${samordning}, tel 070-123 45 67.`;
    expect(maskPersonalData(text)).toBe('Kontakt [personnummer], samordningsnr [samordningsnummer], tel [telefonnummer].');
  });

  it('leaves text without personal data as it is', () => {
    const text = 'Klotter på busskuren vid Fristadstorget kl. 22.30, ca 15 personer, 631 86.';
    expect(maskPersonalData(text)).toBe(text);
  });

  it('masks several numbers of one kind', () => {
    expect(maskPersonalData('121212-1212 och 121212+1212')).toBe('[personnummer] och [personnummer]');
  });
});

describe('report helpers', () => {
  it('warns once per kind found in the description', () => {
    expect(personalDataWarnings({ description: '121212-1212, 19121212-1212, 070-123 45 67' })).toEqual([
      { path: 'description', kind: 'personnummer' },
      { path: 'description', kind: 'phone' },
    ]);
    expect(personalDataWarnings({ description: null })).toEqual([]);
    expect(personalDataWarnings({ description: 'Inget att se här' })).toEqual([]);
  });

  it('masks the description of a report for export and keeps everything else', () => {
    const report = { id: 'x', description: 'Ring 070-123 45 67', severity: 2 };
    expect(maskReportForExport(report)).toEqual({ id: 'x', description: 'Ring [telefonnummer]', severity: 2 });
    expect(report.description).toBe('Ring 070-123 45 67');
  });
});

describe('use from the web app', () => {
  it('imports nothing, so the browser bundle can include it', () => {
    const source = readFileSync(new URL('../../server/privacy/personal-data.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/require\(/);
  });

  it('is re-exported for the report form', () => {
    expect(webPrivacy.findPersonalData).toBe(findPersonalData);
    const kind: PersonalDataKind = 'phone';
    expect(webPrivacy.findPersonalData('070-123 45 67')[0]?.kind).toBe(kind);
  });
});
