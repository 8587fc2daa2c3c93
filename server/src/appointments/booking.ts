/**
 * Booking, moving, cancelling and checking in (issue 13, docs/SPEC.md A1–A6): the one place the
 * REST routes, the kiosk and staff go through. The configuration is the live one of each center.
 */
import {
  addCalendarDays,
  ErrorCode,
  formatHHMM,
  localMidnight,
  localTime,
  MINUTE,
  type AppointmentStaffView,
  type AppointmentView,
  type BookingCenter,
  type BookingSchedule,
  type BookRequest,
  type IssuedTicket,
  type Language,
  type Service,
  type SlotDay,
} from '@qms/shared';
import type { Principal } from '../auth/principal.js';
import type { Commands } from '../center/commands.js';
import type { Hub } from '../center/hub.js';
import { publicCenter } from '../center/public-center.js';
import type { CenterRuntime } from '../center/runtime.js';
import { AppError } from '../http/errors.js';
import type { AppointmentRow, AppointmentStore, BookingChannel, ContactKeys } from '../storage/appointment-store.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import { slotMinOf, slotsOfDay } from './slots.js';

const DAY = 24 * 60 * MINUTE;

export class Appointments {
  constructor(
    private readonly hub: Hub,
    private readonly store: AppointmentStore,
    private readonly commands: Commands,
    private readonly clock: () => number,
    /** Bookings, cancellations and check-ins told to the center's webhooks, in the change's transaction. */
    private readonly webhooks?: Pick<Webhooks, 'enqueue'>,
  ) {}

  /** What the booking page needs: what to ask and what can be booked. */
  center(centerId: string): BookingCenter {
    const rt = this.runtime(centerId);
    const { center, services, categories } = rt.config;
    const ask = center.appointments;
    const today = localTime(this.clock(), center.timezone).day;
    return {
      ...publicCenter(center),
      askName: ask.askName,
      askPhone: ask.askPhone,
      askEmail: ask.askEmail,
      checkInEarlyMin: ask.checkInEarlyMin,
      checkInLateMin: ask.checkInLateMin,
      services: services
        .filter((s) => s.appointments?.enabled)
        .map((s) => ({
          id: s.id,
          names: s.names,
          category: s.category && (categories ?? []).some((c) => c.id === s.category) ? s.category : null,
          slotMin: slotMinOf(s),
          firstDay: today,
          lastDay: addCalendarDays(today, s.appointments!.daysAhead),
          targetWaitMin: s.appointments!.targetWaitMin,
        })),
    };
  }

  /** A3: the slots of a day still ahead with a free place. */
  slots(centerId: string, serviceId: string, day: string): SlotDay {
    const rt = this.runtime(centerId);
    const service = this.bookable(rt, serviceId);
    this.checkDay(rt, service, day);
    const now = this.clock();
    const taken = this.store.taken(centerId, serviceId, localMidnight(day, rt.config.center.timezone), localMidnight(addCalendarDays(day, 1), rt.config.center.timezone));
    const slots = slotsOfDay(rt.config, service, day)
      .filter((s) => s.at > now)
      .map((s) => ({ at: s.at, free: s.places - (taken.get(s.at) ?? 0) }))
      .filter((s) => s.free > 0);
    return { serviceId, day, slotMin: slotMinOf(service), slots };
  }

  /** A3: a new booking; staff book without the per-person limits (they see the person). */
  book(centerId: string, req: BookRequest, by: Principal | null): AppointmentView {
    const rt = this.runtime(centerId);
    const { center } = rt.config;
    const service = this.bookable(rt, req.serviceId);
    const staff = by?.kind === 'staff' && by.centerId === centerId;
    const details = this.details(rt, req, staff);
    const keys = contactKeys(details.phone, details.email);
    const now = this.clock();
    const places = this.placesOf(rt, service, req.at);
    if (!staff) {
      const made = this.store.madeBy(centerId, keys, now - DAY);
      if (made >= center.appointments.perContactPerDay) {
        throw new AppError(ErrorCode.BookingLimit, `This phone number or e-mail has made ${made} bookings today, the most allowed; cancel one you do not need, or come without booking.`);
      }
      this.checkPerPerson(rt, service, keys, req.at);
    }
    const row = this.store.atomically(() => {
      const booked = this.store.book({
        centerId,
        serviceId: service.id,
        at: req.at,
        slotMin: slotMinOf(service),
        places,
        language: req.language ?? null,
        ...details,
        keys,
        channel: channelOf(by, centerId),
        now,
      });
      if (booked) this.publish(rt, 'appointment.booked', booked, booked.phone);
      return booked;
    });
    if (!row) throw slotFull();
    return this.viewOf(rt, row);
  }

  view(centerId: string, code: string): AppointmentView {
    const rt = this.runtime(centerId);
    return this.viewOf(rt, this.row(rt, code));
  }

  /** Staff: who booked, today's or any day's list. */
  list(centerId: string, day: string): AppointmentStaffView[] {
    const rt = this.runtime(centerId);
    const tz = rt.config.center.timezone;
    this.sweep(rt);
    return this.store.between(centerId, localMidnight(day, tz), localMidnight(addCalendarDays(day, 1), tz)).map((r) => ({
      ...this.viewOf(rt, r),
      name: r.name,
      phone: r.phone,
      email: r.email,
      channel: r.channel,
    }));
  }

  cancel(centerId: string, code: string): AppointmentView {
    const rt = this.runtime(centerId);
    const row = this.open(rt, code);
    this.store.atomically(() => {
      this.store.setStatus(centerId, row.code, 'cancelled', this.clock());
      this.publish(rt, 'appointment.cancelled', { ...row, status: 'cancelled' });
    });
    return this.viewOf(rt, this.row(rt, code));
  }

  /** Another slot of the same service, with the same limits as a new booking. */
  move(centerId: string, code: string, at: number): AppointmentView {
    const rt = this.runtime(centerId);
    const row = this.open(rt, code);
    const service = this.bookable(rt, row.serviceId);
    if (at === row.at) return this.viewOf(rt, row);
    const places = this.placesOf(rt, service, at);
    if (row.channel !== 'staff') this.checkPerPerson(rt, service, contactKeys(row.phone, row.email), at, row.code);
    if (!this.store.move(centerId, row.code, at, places, this.clock())) throw slotFull();
    return this.viewOf(rt, this.row(rt, code));
  }

  /**
   * A5 then A1: inside the window the visitor gets a booked-lane ticket carrying the slot; a second
   * check-in returns the same ticket.
   */
  checkIn(centerId: string, code: string, by: Principal): { appointment: AppointmentView } & IssuedTicket {
    const rt = this.runtime(centerId);
    const row = this.row(rt, code);
    const now = this.clock();
    const tz = rt.config.center.timezone;
    const window = windowOf(rt, row.at);
    if (row.status === 'checked-in' && row.ticketId) {
      const issued = this.commands.checkIn(by, rt, { code: row.code, serviceId: row.serviceId, at: row.at, language: row.language as Language | null });
      return { appointment: this.viewOf(rt, row), ...issued };
    }
    if (row.status === 'cancelled') throw new AppError(ErrorCode.AppointmentClosed, 'This booking was cancelled; take an ordinary ticket or book again.');
    if (row.status === 'no-show' || now > window.to) {
      throw new AppError(
        ErrorCode.CheckInTooLate,
        `Check-in for this booking closed at ${formatHHMM(localTime(window.to, tz).minute)}; take an ordinary ticket and you will be called in turn.`,
      );
    }
    if (now < window.from) {
      const from = window.from;
      const sameDay = localTime(from, tz).day === localTime(now, tz).day;
      throw new AppError(
        ErrorCode.CheckInTooEarly,
        `Check-in for this booking opens ${sameDay ? 'at' : `on ${localTime(from, tz).day} at`} ${formatHHMM(localTime(from, tz).minute)}; come back then.`,
      );
    }
    const issued = this.commands.checkIn(by, rt, { code: row.code, serviceId: row.serviceId, at: row.at, language: row.language as Language | null });
    // The ticket's fact opened the group commit's batch: this joins it, as does the delivery.
    this.store.atomically(() => {
      this.store.setStatus(centerId, row.code, 'checked-in', now, issued.ticket.id);
      this.publish(rt, 'appointment.checked-in', { ...row, status: 'checked-in', ticketId: issued.ticket.id }, null, { number: issued.ticket.number });
    });
    return { appointment: this.viewOf(rt, this.row(rt, code)), ...issued };
  }

  /** The supervisor's plan: per service and slot, places and what became of them. */
  schedule(centerId: string, from: string, to: string): BookingSchedule {
    const rt = this.runtime(centerId);
    const tz = rt.config.center.timezone;
    if (to < from) throw new AppError(ErrorCode.BadRequest, `query.to: must not be before "from" (${from})`);
    if (addCalendarDays(from, 92) < to) throw new AppError(ErrorCode.BadRequest, 'query.to: at most 92 days after "from"');
    this.sweep(rt);
    const rows = this.store.between(centerId, localMidnight(from, tz), localMidnight(addCalendarDays(to, 1), tz));
    const services = rt.config.services
      .filter((s) => s.appointments?.enabled || rows.some((r) => r.serviceId === s.id))
      .map((s) => {
        const slots = new Map<number, BookingSchedule['services'][number]['slots'][number]>();
        for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
          for (const p of slotsOfDay(rt.config, s, day)) slots.set(p.at, { at: p.at, capacity: p.places, booked: 0, checkedIn: 0, noShow: 0, cancelled: 0 });
        }
        for (const r of rows.filter((x) => x.serviceId === s.id)) {
          const slot = slots.get(r.at) ?? slots.set(r.at, { at: r.at, capacity: 0, booked: 0, checkedIn: 0, noShow: 0, cancelled: 0 }).get(r.at)!;
          if (r.status === 'booked') slot.booked += 1;
          else if (r.status === 'checked-in') slot.checkedIn += 1;
          else if (r.status === 'no-show') slot.noShow += 1;
          else slot.cancelled += 1;
        }
        return { serviceId: s.id, slotMin: slotMinOf(s), slots: [...slots.values()].sort((a, b) => a.at - b.at) };
      });
    return { from, to, services };
  }

  /** A4 and retention, for every center: run once a minute. */
  sweepAll(): void {
    for (const id of this.hub.ids()) this.sweep(this.hub.get(id));
  }

  private sweep(rt: CenterRuntime): void {
    const now = this.clock();
    const { checkInLateMin, retentionDays } = rt.config.center.appointments;
    this.store.markNoShows(rt.centerId, now - checkInLateMin * MINUTE, now);
    this.store.erase(rt.centerId, now - retentionDays * DAY);
  }

  private runtime(centerId: string): CenterRuntime {
    if (!this.hub.ids().includes(centerId)) throw new AppError(ErrorCode.NotFound, `There is no center "${centerId}" on this server.`);
    return this.hub.get(centerId);
  }

  private row(rt: CenterRuntime, code: string): AppointmentRow {
    this.sweep(rt);
    const row = this.store.get(rt.centerId, code);
    if (!row) throw new AppError(ErrorCode.UnknownAppointment, 'No booking has this code here; check the code on your confirmation.');
    return row;
  }

  /** A booking that can still be cancelled or moved. */
  private open(rt: CenterRuntime, code: string): AppointmentRow {
    const row = this.row(rt, code);
    if (row.status !== 'booked') {
      const why = row.status === 'cancelled' ? 'was cancelled' : row.status === 'checked-in' ? 'is checked in already' : 'was missed';
      throw new AppError(ErrorCode.AppointmentClosed, `This booking ${why}: it can no longer be changed.`);
    }
    return row;
  }

  private bookable(rt: CenterRuntime, serviceId: string): Service {
    const service = rt.config.services.find((s) => s.id === serviceId);
    if (!service) throw new AppError(ErrorCode.UnknownService, `There is no service "${serviceId}".`);
    if (!service.appointments?.enabled) throw new AppError(ErrorCode.SlotUnavailable, `Service "${serviceId}" does not take appointments; take a ticket at the kiosk.`);
    return service;
  }

  private checkDay(rt: CenterRuntime, service: Service, day: string): void {
    const today = localTime(this.clock(), rt.config.center.timezone).day;
    const last = addCalendarDays(today, service.appointments!.daysAhead);
    if (day < today || day > last) throw new AppError(ErrorCode.SlotUnavailable, `Bookings for this service are open from ${today} to ${last}.`);
  }

  /** A3, A6: the places of the slot starting at `at`, refusing a time that is not a bookable slot. */
  private placesOf(rt: CenterRuntime, service: Service, at: number): number {
    const tz = rt.config.center.timezone;
    const day = localTime(at, tz).day;
    this.checkDay(rt, service, day);
    if (at <= this.clock()) throw new AppError(ErrorCode.SlotUnavailable, 'This time has passed; choose a later one.');
    const slot = slotsOfDay(rt.config, service, day).find((s) => s.at === at);
    if (!slot) throw new AppError(ErrorCode.SlotUnavailable, 'There is no appointment at this time; choose one of the times offered.');
    if (slot.places === 0) throw slotFull();
    return slot.places;
  }

  /** One active booking per person per service within `perPersonDays` of the slot. */
  private checkPerPerson(rt: CenterRuntime, service: Service, keys: ContactKeys, at: number, except?: string): void {
    const days = service.appointments!.perPersonDays;
    if (days === 0) return;
    const held = this.store.heldBy(rt.centerId, service.id, keys, at - days * DAY + 1, at + days * DAY, except);
    if (held > 0) {
      throw new AppError(ErrorCode.BookingLimit, `This phone number or e-mail already has a booking for this service within ${days} day(s) of this time; move or cancel that one instead.`);
    }
  }

  /** What the center asks, checked: required fields present, fields it does not ask dropped. */
  private details(rt: CenterRuntime, req: BookRequest, staff: boolean): { name: string | null; phone: string | null; email: string | null } {
    const ask = rt.config.center.appointments;
    const field = (value: string | undefined, mode: 'off' | 'optional' | 'required', what: string): string | null => {
      if (mode === 'off') return null;
      const v = value?.trim() || null;
      if (!v && mode === 'required' && !staff) throw new AppError(ErrorCode.BadRequest, `body.${what}: required by this center`);
      return v;
    };
    return { name: field(req.name, ask.askName, 'name'), phone: field(req.phone, ask.askPhone, 'phone'), email: field(req.email, ask.askEmail, 'email') };
  }

  /**
   * A booking's change for the center's webhooks: the booking as its visitor's confirmation says
   * it (the code is what a text message gateway sends back to them), never a name or e-mail; the
   * phone only to webhooks that asked for it.
   */
  private publish(rt: CenterRuntime, event: 'appointment.booked' | 'appointment.cancelled' | 'appointment.checked-in', r: AppointmentRow, phone: string | null = null, extra: Record<string, unknown> = {}): void {
    if (!this.webhooks) return;
    const { code, serviceId, at, slotMin, status, language, channel, bookedAt, ticketId } = r;
    const window = windowOf(rt, at);
    this.webhooks.enqueue(rt.centerId, event, { code, serviceId, at, slotMin, status, language, channel, bookedAt, ticketId, checkInFrom: window.from, checkInTo: window.to, ...extra }, phone);
  }

  private viewOf(rt: CenterRuntime, r: AppointmentRow): AppointmentView {
    const window = windowOf(rt, r.at);
    return {
      code: r.code,
      centerId: r.centerId,
      serviceId: r.serviceId,
      at: r.at,
      slotMin: r.slotMin,
      status: r.status,
      language: r.language,
      checkInFrom: window.from,
      checkInTo: window.to,
      ticketId: r.ticketId,
      bookedAt: r.bookedAt,
    };
  }
}

/**
 * A5: when the kiosk takes a booking's code. Never before the slot's own day starts: a ticket taken
 * the evening before would be ended at midnight (D1) before its slot came.
 */
function windowOf(rt: CenterRuntime, at: number): { from: number; to: number } {
  const { checkInEarlyMin, checkInLateMin } = rt.config.center.appointments;
  const tz = rt.config.center.timezone;
  return { from: Math.max(at - checkInEarlyMin * MINUTE, localMidnight(localTime(at, tz).day, tz)), to: at + checkInLateMin * MINUTE };
}

const slotFull = () => new AppError(ErrorCode.SlotFull, 'Someone has just taken this time; choose another.');

function channelOf(by: Principal | null, centerId: string): BookingChannel {
  return by?.kind === 'staff' && by.centerId === centerId ? 'staff' : 'web';
}

/** The limits compare digits of phones (+7 900 123-45-67 is 79001234567) and e-mails in lower case. */
export function contactKeys(phone: string | null, email: string | null): ContactKeys {
  const digits = phone?.replace(/\D/g, '') ?? '';
  return { phone: digits.length > 0 ? digits : null, email: email ? email.trim().toLowerCase() : null };
}
