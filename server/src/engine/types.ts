import type {
  AppErrorBody,
  ArrivalVia,
  BalanceReason,
  CounterService,
  CounterState,
  EngineConfig,
  ErrorCode,
  FactBody,
  Lane,
  PauseReasonId,
  Service,
  Ticket,
} from '@qms/shared';

/**
 * The engine's whole view of one center's day. The engine never mutates it in `decide`;
 * `evolve` applies committed facts to it (the caller owns it).
 */
export interface EngineState {
  centerId: string;
  config: EngineConfig;
  services: Map<string, Service>;
  /** Services some counter plans or can be switched to (C2): only their visitors can ever be called (I5). */
  servable: Set<string>;
  counters: Map<string, CounterState>;
  /** Today's tickets (any status) and older ones still open. */
  tickets: Map<string, Ticket>;
  /** Ids of the waiting tickets: the only ones call-next and the ETA look at. */
  waiting: Set<string>;
  /**
   * The same ids by queue (queueKey): a service's, or a counter's for tickets sent to it (T1).
   * Call-next and one ticket's ETA look at their queues only, not at the whole hall.
   */
  queues: Map<string, Set<string>>;
  /** I4: ticket id by the client request that issued it. */
  clientRefs: Map<string, string>;
  /** Last number issued per service on `numberingDay`. */
  numberingDay: string;
  lastSeqNo: Map<string, number>;
  /** I3: tickets issued per service on `numberingDay` (numbers skipped under I2 are not tickets). */
  issuedToday: Map<string, number>;
  /**
   * I2: the displayed numbers of the open tickets (waiting, called, serving), with how many hold
   * each: a new number skips those, so no two open tickets ever show the same one.
   */
  openNumbers: Map<string, number>;
  /**
   * B2's input, kept as tickets change: per counter, its tickets called for a service outside its
   * plan (ticket id → when called), as long as the ticket still names that counter and call. The
   * rebalancer reads one counter's few instead of walking the day's tickets at every look.
   */
  extraCalls: Map<string, Map<string, number>>;
  /** Each counter's planned services, for extraCalls. */
  plans: Map<string, ReadonlySet<string>>;
  /**
   * Per queue (the keys of `queues`), a count of the changes to its waiting tickets: any ticket
   * entering, leaving or changing while in it. Whoever keeps an answer worked out from some queues
   * (the rebalancer's next call per counter) knows it still holds while their counts stand.
   */
  queueVersions: Map<string, number>;
}

export type Command =
  | {
      type: 'issue';
      ticketId: string;
      serviceId: string;
      lane: Lane;
      categoryId?: string | undefined;
      language?: string | undefined;
      clientRef?: string | undefined;
      /** A1: a checked-in appointment's slot (booked lane only). */
      appointmentAt?: number | undefined;
      /** V1: taken on the join page; `code` is what the visitor shows at the kiosk (V2). */
      remote?: { code: string } | undefined;
    }
  /** V2: a remote ticket's visitor is in the hall. */
  | { type: 'arrive'; ticketId: string; via: ArrivalVia }
  /** V4/V5: hold the away tickets whose turn has come, end those whose grace is over. */
  | { type: 'remote-sweep' }
  /** `takeover`: the holder's session has ended, so another staff member may take the counter as it is. */
  | { type: 'open'; counterId: string; staffLogin: string; takeover?: boolean }
  /** `only`: the services the caller is trained for (T5); tickets of other services stay for others. */
  | { type: 'call-next'; counterId: string; only?: readonly string[] | undefined }
  | { type: 'recall'; counterId: string }
  | { type: 'start'; counterId: string }
  | { type: 'complete'; counterId: string }
  | { type: 'no-show'; counterId: string }
  | {
      type: 'transfer';
      counterId: string;
      toServiceId?: string | undefined;
      toCounterId?: string | undefined;
      returnToService?: boolean | undefined;
    }
  | { type: 'pause'; counterId: string; reason: string | null; reasonId?: PauseReasonId | null | undefined }
  | { type: 'resume'; counterId: string }
  | { type: 'close'; counterId: string }
  | { type: 'set-services'; counterId: string; services: CounterService[]; reason: string; why?: BalanceReason | undefined }
  | { type: 'reactivate'; ticketId: string }
  | { type: 'cancel'; ticketId: string }
  /**
   * D1: at a new local day, tickets still waiting from earlier days are closed, but for `keep`:
   * those waiting again since a command of `day` (transferred or returned after midnight, when D1
   * had already run), which a restart later that day must not close.
   */
  | { type: 'end-days-before'; day: string; keep?: readonly string[] | undefined };

export type Decision = { ok: true; facts: FactBody[] } | { ok: false; error: AppErrorBody };

export function reject(code: ErrorCode, message: string): Decision {
  return { ok: false, error: { code, message } };
}
