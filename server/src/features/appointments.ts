/**
 * Appointments over REST (issue 13): the public booking page and a government portal book, look
 * up, move and cancel by code; the kiosk and staff check in; supervisors see the plan. Name,
 * phone and e-mail are answered to staff only and never logged (the access log has paths; codes
 * are not personal data).
 */
import {
  BOARD_CENTER_ID,
  bookRequestSchema,
  checkInRequestSchema,
  ErrorCode,
  formatHHMM,
  LANGUAGES,
  localTime,
  moveRequestSchema,
  nameIn,
  normaliseCode,
  type Language,
} from '@qms/shared';
import { z } from 'zod';
import type { Appointments } from '../appointments/booking.js';
import type { RemoteJoins } from '../remote/joins.js';
import type { Principal } from '../auth/principal.js';
import { calendarFile } from '../appointments/ics.js';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import { parseInput } from '../http/validate.js';
import type { Deps } from './deps.js';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .regex(DAY_RE, 'expected a day "YYYY-MM-DD"')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`)) && new Date(`${d}T12:00:00Z`).toISOString().startsWith(d), 'expected a day that exists');
const slotsQuery = z.object({ service: z.string().min(1).max(64), day });
const periodQuery = z.object({ from: day, to: day });
const dayQuery = z.object({ day });

function centerOf(params: Record<string, string>): string {
  const id = params.centerId ?? '';
  if (!BOARD_CENTER_ID.test(id)) throw new AppError(ErrorCode.BadRequest, 'path.centerId: expected a center id: 1 to 64 letters, digits, "_", "-" or "."');
  return id;
}

function codeOf(params: Record<string, string>): string {
  const code = normaliseCode(params.code ?? '');
  if (!code) throw new AppError(ErrorCode.BadRequest, 'path.code: expected a booking code: 8 letters and digits, as on the confirmation (e.g. K7M2-QX9P)');
  return code;
}

/** The calendar entry's words, in the language the visitor booked in. */
const ICS_TEXT: Record<Language, { summary: string; checkIn: string }> = {
  ru: { summary: 'Запись: {service}', checkIn: 'Отметьтесь в терминале с {from} до {to}, код записи:' },
  en: { summary: 'Appointment: {service}', checkIn: 'Check in at the kiosk from {from} to {to} with your code:' },
  vi: { summary: 'Lịch hẹn: {service}', checkIn: 'Xác nhận tại ki-ốt từ {from} đến {to} bằng mã:' },
  uz: { summary: 'Navbat: {service}', checkIn: 'Terminalda {from} dan {to} gacha belgilang, kod:' },
};

export function appointmentRoutes({ hub, clock }: Deps, appointments: Appointments, remote: RemoteJoins): RouteDef[] {
  /** Staff and devices act in their own center only (a center that does not exist is just that: 404). */
  const ownCenter = (centerId: string, p: Principal | null): string => {
    if (!hub.ids().includes(centerId)) throw new AppError(ErrorCode.NotFound, `There is no center "${centerId}" on this server.`);
    if (p && p.centerId !== centerId) throw new AppError(ErrorCode.Forbidden, 'Your login or device belongs to another center.');
    return centerId;
  };
  return [
    route({
      method: 'get',
      path: '/api/appointments/:centerId',
      tag: 'appointments',
      summary: 'What the booking page needs: the services that take appointments, how far ahead, what the center asks (name, phone, e-mail) and the check-in window.',
      access: 'public',
      handler: ({ params }) => appointments.center(centerOf(params)),
    }),
    route({
      method: 'get',
      path: '/api/appointments/:centerId/slots',
      tag: 'appointments',
      summary: 'The free slots of a service on a local day (?service=ID&day=YYYY-MM-DD): only slots still ahead with a place (A3, A6).',
      access: 'public',
      handler: ({ params, query }) => {
        const q = parseInput(slotsQuery, query, 'query');
        return appointments.slots(centerOf(params), q.service, q.day);
      },
    }),
    route({
      method: 'get',
      path: '/api/appointments/:centerId/schedule',
      tag: 'appointments',
      summary: 'Supervisors: per service and slot of the days ?from=…&to=… (at most 92), the places and how many are booked, checked in, missed and cancelled.',
      access: 'supervisor',
      handler: ({ params, query, principal }) => {
        const q = parseInput(periodQuery, query, 'query');
        return appointments.schedule(ownCenter(centerOf(params), principal), q.from, q.to);
      },
    }),
    route({
      method: 'get',
      path: '/api/appointments/:centerId/list',
      tag: 'appointments',
      summary: "Staff: a day's bookings (?day=YYYY-MM-DD) with who booked them, for a visitor at the desk or on the phone.",
      access: 'staff',
      handler: ({ params, query, principal }) => appointments.list(ownCenter(centerOf(params), principal), parseInput(dayQuery, query, 'query').day),
    }),
    route({
      method: 'post',
      path: '/api/appointments/:centerId/check-in',
      tag: 'appointments',
      summary:
        'A paired kiosk or staff checks a booking in by its code (as typed or scanned): inside the window a booked-lane ticket carrying the slot (A1, A5), the same ticket again on a second check-in; CHECK_IN_TOO_EARLY says when to come back, CHECK_IN_TOO_LATE offers an ordinary ticket. The same entry takes a remote ticket\'s code (V2): its visitor has arrived (`appointment: null`, `arrived: true`).',
      access: 'device-or-staff',
      body: checkInRequestSchema,
      status: 201,
      handler: ({ params, body, principal }) => {
        const centerId = ownCenter(centerOf(params), principal);
        if (principal?.kind === 'device' && principal.deviceKind !== 'kiosk') throw new AppError(ErrorCode.Forbidden, 'Bookings are checked in at a kiosk or by staff.');
        const code = normaliseCode(body.code);
        if (!code) throw new AppError(ErrorCode.UnknownAppointment, 'This is not a booking code: it has 8 letters and digits, as on the confirmation (e.g. K7M2-QX9P).');
        // One entry at the kiosk for both codes a phone shows: a booking's, or a remote ticket's (V2).
        const arrived = remote.arriveByCode(hub.get(centerId), code, principal!);
        return arrived ? { appointment: null, arrived: true, ...arrived } : appointments.checkIn(centerId, code, principal!);
      },
    }),
    route({
      method: 'post',
      path: '/api/appointments/:centerId',
      tag: 'appointments',
      summary:
        'Book a slot (the booking page, a portal, or staff with their token: channel "staff", without the per-person limits). 201: the booking with its code; SLOT_FULL when the last place has just gone; BOOKING_LIMIT per phone or e-mail. Rate limited per address.',
      access: 'public',
      body: bookRequestSchema,
      status: 201,
      handler: ({ params, body, principal }) => appointments.book(centerOf(params), body, principal),
    }),
    route({
      method: 'get',
      path: '/api/appointments/:centerId/:code',
      tag: 'appointments',
      summary: 'A booking by its code: service, time, status, check-in window and, once checked in, its ticket. No personal data.',
      access: 'public',
      handler: ({ params }) => appointments.view(centerOf(params), codeOf(params)),
    }),
    route({
      method: 'post',
      path: '/api/appointments/:centerId/:code/cancel',
      tag: 'appointments',
      summary: 'The visitor (or staff) cancels a booking by its code; its place is free again.',
      access: 'public',
      handler: ({ params }) => appointments.cancel(centerOf(params), codeOf(params)),
    }),
    route({
      method: 'post',
      path: '/api/appointments/:centerId/:code/move',
      tag: 'appointments',
      summary: 'Move a booking to another slot of the same service (the limits of a new booking apply).',
      access: 'public',
      body: moveRequestSchema,
      handler: ({ params, body }) => appointments.move(centerOf(params), codeOf(params), body.at),
    }),
    route({
      method: 'get',
      path: '/api/appointments/:centerId/:code/calendar.ics',
      tag: 'appointments',
      summary: 'The booking as an iCalendar file (text/calendar), in the language it was booked in, with a reminder an hour before.',
      access: 'public',
      handler: ({ params, req, res }) => {
        const centerId = centerOf(params);
        const a = appointments.view(centerId, codeOf(params));
        const { center, services } = hub.get(centerId).config;
        const lang: Language = LANGUAGES.includes(a.language as Language) ? (a.language as Language) : center.defaultLanguage;
        const service = services.find((s) => s.id === a.serviceId);
        const at = (ms: number) => formatHHMM(localTime(ms, center.timezone).minute);
        const words = ICS_TEXT[lang];
        const body = calendarFile(a, {
          summary: words.summary.replace('{service}', service ? nameIn(service.names, lang, center.defaultLanguage) : a.serviceId),
          location: center.names ? nameIn(center.names, lang, center.defaultLanguage) : center.name,
          description: words.checkIn.replace('{from}', at(a.checkInFrom)).replace('{to}', at(a.checkInTo)),
          host: req.hostname || 'qms',
          now: clock(),
        });
        res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="appointment-${a.code}.ics"`);
        res.setHeader('Cache-Control', 'no-store');
        res.end(body);
      },
    }),
  ];
}

