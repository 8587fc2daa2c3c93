import { describe, expect, it } from 'vitest';
import { csvCell, csvDialect, toCsv } from './csv';

const EN = csvDialect('en');
const RU = csvDialect('ru');

describe('CSV for a spreadsheet', () => {
  it('English: commas and decimal points; Russian, Vietnamese, Uzbek: semicolons and decimal commas', () => {
    expect(EN).toEqual({ delimiter: ',', decimal: '.' });
    for (const lang of ['ru', 'vi', 'uz']) expect(csvDialect(lang)).toEqual({ delimiter: ';', decimal: ',' });
    expect(csvCell(6.54, EN)).toBe('6.5');
    expect(csvCell(6.54, RU)).toBe('6,5');
    expect(csvCell(12, RU)).toBe('12');
    expect(csvCell(null, RU)).toBe('');
    expect(csvCell(Number.NaN, EN)).toBe('');
  });

  it('quotes a field holding the delimiter, a quote, a line break or edge spaces, doubling quotes', () => {
    expect(csvCell('Passport, foreign', EN)).toBe('"Passport, foreign"');
    expect(csvCell('Passport, foreign', RU)).toBe('Passport, foreign');
    expect(csvCell('Паспорт; загранпаспорт', RU)).toBe('"Паспорт; загранпаспорт"');
    expect(csvCell('The "new" hall', EN)).toBe('"The ""new"" hall"');
    expect(csvCell('two\nlines', EN)).toBe('"two\nlines"');
    expect(csvCell(' padded', EN)).toBe('" padded"');
    expect(csvCell('Đăng ký kinh doanh', RU)).toBe('Đăng ký kinh doanh');
  });

  it('keeps a text that looks like a formula a text', () => {
    expect(csvCell('=HYPERLINK("http://x")', EN)).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+7 hall', EN)).toBe("'+7 hall");
    expect(csvCell('@admin', RU)).toBe("'@admin");
    // Numbers are numbers, negative or not.
    expect(csvCell(-2.5, EN)).toBe('-2.5');
  });

  it('a whole file: byte order mark, header in the viewer’s language, CRLF line ends', () => {
    const text = toCsv(['Услуга', 'Выдано', 'В нормативе, %'], [['Паспорт', 12, 91.25], ['Итого', 12, null]], RU);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // "В нормативе, %" holds a comma, not the delimiter: no quotes needed.
    expect(text).toBe('\ufeffУслуга;Выдано;В нормативе, %\r\nПаспорт;12;91,3\r\nИтого;12;\r\n');
    expect(toCsv(['Service', 'Within target, %'], [], EN)).toBe('\ufeffService,"Within target, %"\r\n');
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
