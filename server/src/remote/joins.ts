/**
 * Joining the queue from outside (issue 14, docs/SPEC.md V1–V6): the join page's list, the remote
 * ticket with V1's limits, and the three ways a visitor says they have come (V2). The queue rules
 * are the engine's (engine/remote.ts); this adds who may take how many, and the hall's code.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  ErrorCode,
  localTime,
  nextOpening,
  scheduleOf,
  type IssuedTicket,
  type JoinCenter,
  type JoinRequest,
  type Language,
  type Ticket,
} from '@qms/shared';
import type { Principal } from '../auth/principal.js';
import { actorName } from '../auth/principal.js';
import { remoteRef, VISITOR, type Commands } from '../center/commands.js';
import type { Hub } from '../center/hub.js';
import { publicCenter } from '../center/public-center.js';
import type { CenterRuntime, Clock } from '../center/runtime.js';
import { serviceLoads } from '../engine/index.js';
import { remoteRefusal } from '../engine/remote.js';
import { AppError } from '../http/errors.js';
import { newCode } from '../storage/appointment-store.js';
import type { Db } from '../storage/db.js';
import type { RemoteStore } from '../storage/remote-store.js';

export class RemoteJoins {
  private readonly hallSecret: Buffer;

  constructor(
    private readonly hub: Hub,
    private readonly store: RemoteStore,
    private readonly commands: Commands,
    private readonly clock: Clock,
    db: Db,
  ) {
    this.hallSecret = hallSecretOf(db);
  }

  /** The join page: the center and its services that can be joined from outside, open or not and why. */
  center(centerId: string): JoinCenter {
    const rt = this.hub.get(centerId);
    const now = this.clock();
    const { center, services } = rt.config;
    const loads = new Map(serviceLoads(rt.state, now).map((l) => [l.serviceId, l]));
    return {
      ...publicCenter(center),
      askPhone: center.remote.askPhone,
      graceMin: center.remote.graceMin,
      services: services
        .filter((s) => s.remote?.enabled)
        .map((s) => {
          const refused = remoteRefusal(rt.state, s, now);
          const load = loads.get(s.id);
          return {
            id: s.id,
            names: s.names,
            category: s.category ?? null,
            open: refused === null,
            reason: refused === 'disabled' ? 'closed' : refused,
            waiting: load?.waiting ?? 0,
            expectedWaitMin: load?.expectedWaitMin ?? null,
            opensAt: refused === 'closed' ? nextOpening(scheduleOf(center, s), now, center.timezone) : null,
          };
        }),
    };
  }

  /** V1: a remote ticket, within the per-phone and per-number limits of the day. */
  join(centerId: string, req: JoinRequest): IssuedTicket {
    const rt = this.hub.get(centerId);
    const rules = rt.config.center.remote;
    if (!rt.config.services.some((s) => s.id === req.serviceId)) throw new AppError(ErrorCode.UnknownService, `There is no service "${req.serviceId}".`);
    if (rules.askPhone === 'required' && !req.phone) throw new AppError(ErrorCode.BadRequest, 'phone: this center asks for a phone number to join from outside.');
    const phone = rules.askPhone === 'off' ? null : (req.phone ?? null);
    const now = this.clock();
    const day = localTime(now, rt.config.center.timezone).day;
    const deviceKey = createHash('sha256').update(req.deviceId).digest('base64url');
    if (this.store.countByDevice(centerId, day, deviceKey) >= rules.perDevicePerDay) {
      throw new AppError(
        ErrorCode.RemoteLimit,
        `This phone has already joined the queue ${rules.perDevicePerDay} time(s) today, the most allowed: use the tickets you have (cancel one you do not need on its page), or take a ticket at the kiosk when you come.`,
      );
    }
    const phoneKey = phone ? createHmac('sha256', this.hallSecret).update(phone.replace(/\D/g, '')).digest('base64url') : null;
    if (phoneKey && this.store.countByPhone(centerId, day, phoneKey) >= rules.perPhonePerDay) {
      throw new AppError(ErrorCode.RemoteLimit, `This phone number has already joined the queue ${rules.perPhonePerDay} time(s) today, the most allowed: take a ticket at the kiosk when you come.`);
    }
    const issued = this.commands.issueRemote(rt, { serviceId: req.serviceId, code: newCode(), language: (req.language ?? null) as Language | null });
    this.store.add({ ticketId: issued.ticket.id, centerId, day, serviceId: req.serviceId, deviceKey, phone, phoneKey, at: now });
    return issued;
  }

  /** V2 at the kiosk (or staff): the code on the visitor's phone. Null: no remote ticket has it. */
  arriveByCode(rt: CenterRuntime, code: string, by: Principal): IssuedTicket | null {
    const id = rt.state.clientRefs.get(remoteRef(code));
    const t = id ? rt.state.tickets.get(id) : undefined;
    if (!t?.remote) return null;
    const ticket = this.commands.arrive(rt, t.id, by.kind === 'staff' ? 'staff' : 'kiosk', actorName(by));
    return { ticket, eta: rt.eta(ticket.id), seq: rt.seq };
  }

  /** V2 by the poster in the hall: the phone that holds the ticket scanned the hall's code. */
  arriveByHall(ticketId: string, hallCode: string): { rt: CenterRuntime; ticket: Ticket } {
    const rt = this.runtimeOf(ticketId);
    if (!sameCode(hallCode, this.hallCode(rt.centerId))) {
      throw new AppError(ErrorCode.WrongHallCode, 'This is not the code of this center\'s hall: scan the poster inside the center, or show your code at the kiosk.');
    }
    return { rt, ticket: this.commands.arrive(rt, ticketId, 'hall', VISITOR) };
  }

  /** V2 by staff: the visitor is at the desk and shows the ticket's page. */
  arriveByStaff(by: Principal, ticketId: string): Ticket {
    const rt = this.hub.get(by.centerId);
    if (!rt.state.tickets.has(ticketId)) throw new AppError(ErrorCode.UnknownTicket, 'No such ticket in this center today.');
    return this.commands.arrive(rt, ticketId, 'staff', actorName(by));
  }

  /**
   * The code on the hall's poster: the center's own (Settings), else one made from this server's
   * secret, so that a new center has a working poster at once and no two centers share one.
   */
  hallCode(centerId: string): string {
    const own = this.hub.get(centerId).config.center.remote.hallCode;
    return own ?? createHmac('sha256', this.hallSecret).update(`hall:${centerId}`).digest('hex').slice(0, 12).toUpperCase();
  }

  /** V4, V5 in every hall; numbers of past days erased. */
  sweepAll(): void {
    const now = this.clock();
    for (const id of this.hub.ids()) {
      const rt = this.hub.get(id);
      rt.execute({ type: 'remote-sweep' }, 'system:remote');
      const tz = rt.config.center.timezone;
      this.store.expire(id, localTime(now, tz).day, localTime(now - 7 * 86_400_000, tz).day);
    }
  }

  private runtimeOf(ticketId: string): CenterRuntime {
    for (const id of this.hub.ids()) {
      const rt = this.hub.get(id);
      if (rt.state.tickets.has(ticketId)) return rt;
    }
    throw new AppError(ErrorCode.UnknownTicket, 'No such ticket.');
  }
}

function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given.trim().toUpperCase());
  const b = Buffer.from(expected.toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A random secret made once per database (server_keys): hall codes and phone keys derive from it. */
function hallSecretOf(db: Db): Buffer {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM server_keys WHERE name = ?').get('remote-secret');
  if (row) return Buffer.from(row.value, 'base64url');
  const secret = randomBytes(32);
  db.prepare('INSERT OR IGNORE INTO server_keys (name, value) VALUES (?, ?)').run('remote-secret', secret.toString('base64url'));
  return hallSecretOf(db);
}
