/**
 * CSV for a spreadsheet, built in the browser from the figures on screen. Pure.
 *
 * UTF-8 with a byte order mark, or Excel reads Cyrillic and Vietnamese as mojibake. Excel splits a
 * double-clicked CSV on the system's list separator, which is ";" wherever the decimal separator
 * is a comma (Russian, Vietnamese and Uzbek Windows): those languages get ";" and "6,5", English
 * "," and "6.5", so the file opens in columns, with numbers as numbers, where it is likely opened.
 * The server's /api/reports/summary.csv stays "," and English for BI tools.
 */

export interface CsvDialect {
  delimiter: ',' | ';';
  decimal: '.' | ',';
}

export type CsvCell = string | number | null;

const BOM = '\ufeff';

export function csvDialect(lang: string): CsvDialect {
  return lang.slice(0, 2) === 'en' ? { delimiter: ',', decimal: '.' } : { delimiter: ';', decimal: ',' };
}

/** One field: numbers with the dialect's decimal sign, text quoted when it must be. */
export function csvCell(value: CsvCell, d: CsvDialect): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    const s = String(Math.round(value * 10) / 10);
    return d.decimal === ',' ? s.replace('.', ',') : s;
  }
  // A text a spreadsheet would run as a formula (a service named "=HYPERLINK(...)") is kept text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return text.includes(d.delimiter) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: byte order mark, a header row, the rows, CRLF line ends (RFC 4180). */
export function toCsv(header: string[], rows: CsvCell[][], d: CsvDialect): string {
  const line = (cells: CsvCell[]) => cells.map((c) => csvCell(c, d)).join(d.delimiter);
  return BOM + [header, ...rows].map(line).join('\r\n') + '\r\n';
}
