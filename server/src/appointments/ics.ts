/**
 * The booking as an iCalendar file (RFC 5545), so a phone's calendar reminds the visitor. Times in
 * UTC: every calendar shows them in its own zone, which for a visitor is the center's.
 */
import { formatCode, MINUTE, type AppointmentView } from '@qms/shared';

/** RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks are escaped in text values. */
const text = (s: string): string => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** §3.1: lines longer than 75 octets are folded (a space starts each continuation). */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + (parts.length === 0 ? 75 : 74), bytes.length);
    // Never cut a UTF-8 character in two.
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return parts.join('\r\n ');
}

export function calendarFile(a: AppointmentView, opts: { summary: string; location: string; description: string; host: string; now: number }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//QMS//appointments//EN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${a.code}@${opts.host}`,
    `DTSTAMP:${stamp(opts.now)}`,
    `DTSTART:${stamp(a.at)}`,
    `DTEND:${stamp(a.at + a.slotMin * MINUTE)}`,
    `SUMMARY:${text(opts.summary)}`,
    `LOCATION:${text(opts.location)}`,
    `DESCRIPTION:${text(`${opts.description}\n${formatCode(a.code)}`)}`,
    a.status === 'cancelled' ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-PT60M',
    `DESCRIPTION:${text(opts.summary)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
