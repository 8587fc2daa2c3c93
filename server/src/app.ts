/**
 * Composition at the edge: everything is built here from a database, a clock and options.
 * Only main.ts picks the real clock, file and port.
 */
import express, { type ErrorRequestHandler } from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { pino, type Logger } from 'pino';
import { ErrorCode } from '@qms/shared';
import { Appointments } from './appointments/booking.js';
import { AuthStore } from './auth/auth-store.js';
import { Commands, newTicketId } from './center/commands.js';
import { Hub } from './center/hub.js';
import { IssueLimiter, IssueRateLimited } from './center/issue-limit.js';
import type { Clock } from './center/runtime.js';
import { demoCredentials } from './demo/advertised.js';
import { adminRoutes } from './features/admin.js';
import { appointmentRoutes } from './features/appointments.js';
import { authRoutes } from './features/auth.js';
import { balanceRoutes } from './features/balance.js';
import { boardCors, boardRoutes } from './features/board.js';
import { counterRoutes } from './features/counters.js';
import type { Deps } from './features/deps.js';
import { queueRoutes } from './features/queue.js';
import { startSummaries } from './features/report-build.js';
import { reportRoutes } from './features/reports.js';
import { planningScenarioRoutes } from './features/planning-scenario.js';
import { ticketRoutes } from './features/tickets.js';
import { ratingRoutes } from './features/ratings.js';
import { Ratings } from './ratings/ratings.js';
import { RatingStore } from './ratings/store.js';
import { joinRoutes } from './features/join.js';
import { planningRoutes } from './features/planning.js';
import { Planner } from './planning/planner.js';
import { RemoteJoins } from './remote/joins.js';
import { RemoteStore } from './storage/remote-store.js';
import { addressLimit } from './http/address-limit.js';
import { DEFAULT_CONNECTION_LIMITS, guardConnections, serverOptions, type ConnectionLimits } from './http/connections.js';
import { errorHandler, notFound } from './http/errors.js';
import { Overload } from './http/overload.js';
import { preloadBodyDecoding } from './http/preload.js';
import { pushRoutes, type PushEndpoints } from './features/push.js';
import { vapidKeys } from './push/keys.js';
import { PushSender } from './push/sender.js';
import { PushStore } from './push/store.js';
import { mount, openApiDocument } from './http/registry.js';
import { securityHeaders } from './http/security-headers.js';
import { staticApps } from './http/static.js';
import { createMetrics, metricsEndpoint } from './ops/metrics.js';
import { observeRequests } from './ops/request-log.js';
import { routePatterns } from './ops/route-pattern.js';
import { attachSocket, type QmsServer } from './realtime/socket.js';
import { limitSockets, NO_SOCKET_LIMITS, type SocketLimits } from './realtime/socket-limits.js';
import { attachTicketSockets } from './realtime/ticket-socket.js';
import { AppointmentStore } from './storage/appointment-store.js';
import { ConfigStore } from './storage/config-store.js';
import type { Db } from './storage/db.js';
import { GroupCommit, type Fsync } from './storage/group-sync.js';
import { LiveStore } from './storage/live-store.js';
import { ReplayStore, ReportStore } from './storage/report-store.js';
import { webhookRoutes } from './webhooks/routes.js';
import { Webhooks } from './webhooks/webhooks.js';

export interface AppOptions {
  db: Db;
  clock?: Clock;
  log?: Logger;
  version?: string;
  /** Repo root, to serve the built UIs from; omit to serve the API only. */
  rootDir?: string;
  newTicketId?: () => string;
  /** How often the rebalancer looks at each hall, ms; 0 = never (tests tick it themselves). */
  balanceEveryMs?: number;
  /** How often past days are summed for reports ahead of time (report-build.ts); 0 = only when a report asks. Default 1 hour. */
  summariseEveryMs?: number;
  /** Tickets one kiosk may issue per minute; 0 or omitted = no limit (main.ts: QMS_KIOSK_ISSUE_PER_MIN, 20). */
  kioskIssuePerMin?: number;
  /** Bookings, moves and cancellations per address in any 10 minutes; 0 = no limit (main.ts: QMS_BOOK_PER_10MIN, 20). */
  bookPer10Min?: number;
  /** How often bookings nobody checked in for become no-shows and old personal data is erased, ms; 0 = never (tests call it). */
  appointmentSweepMs?: number;
  /** How often remote tickets whose turn came while away are held, and held ones past their grace ended (V4, V5), ms; 0 = never (tests call it). Default 5 s. */
  remoteSweepMs?: number;
  /** Remote tickets taken per address in any 10 minutes; 0 = no limit (main.ts: QMS_JOIN_PER_10MIN, 20). */
  joinPer10Min?: number;
  /** Reads of the public board per address in any minute; 0 = no limit (main.ts: QMS_BOARD_PER_MIN, 600). */
  boardPerMin?: number;
  /** Bearer token GET /metrics requires; omitted = /metrics is open. */
  metricsToken?: string | undefined;
  /**
   * Called once if the disk refuses an fsync: changes may then be in memory and not on the disk,
   * so main.ts stops the server and its supervisor restarts it from what the disk holds.
   */
  onDiskFailure?: (err: Error) => void;
  /** Replaces fs.fsync for the group commit (tests: a disk that is slow or fails). */
  fsync?: Fsync;
  /** HTTP timeouts and the cap on connections (http/connections.ts); omitted fields: its defaults, no cap. */
  connections?: Partial<ConnectionLimits>;
  /** Socket.IO connections per token and per address (realtime/socket-limits.ts); omitted = no limit (main.ts: QMS_SOCKETS_PER_*). */
  sockets?: Partial<SocketLimits>;
  /** Web Push's contact for the push services (main.ts: QMS_VAPID_SUBJECT); unset: the center's https publicUrl, else a placeholder. */
  vapidSubject?: string | undefined;
  /** Which push endpoints a phone may subscribe with (features/push.ts); default `https` (tests: `any`, for a local push service). */
  pushEndpoints?: PushEndpoints;
  /** How often waits shrinking with time are checked for `near` pushes and past days' subscriptions dropped, ms; 0 = never (tests call push.tick()). Default 1 minute. */
  pushEveryMs?: number;
  /** How often due webhook deliveries are sent, ms; 0 = never (tests call `webhooks.dispatcher.tick()`). Default 1 s. */
  webhookTickMs?: number;
  /** How long a webhook's receiver has to answer, ms (default 10 s). */
  webhookTimeoutMs?: number;
  /** The wait before a failed delivery's second attempt, ms, doubling each time up to an hour (main.ts: QMS_WEBHOOK_RETRY_MS, 30 s). */
  webhookRetryMs?: number;
}

export interface QmsApp {
  http: HttpServer;
  /** Remote tickets (V1–V6): tests run its sweep themselves. */
  remote: RemoteJoins;
  io: QmsServer;
  deps: Deps;
  webhooks: Webhooks;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function createApp(opts: AppOptions): QmsApp {
  const clock = opts.clock ?? Date.now;
  const log = opts.log ?? pino({ level: 'silent' });
  const configs = new ConfigStore(opts.db);
  const group = new GroupCommit(opts.db, {
    onBatchLost: (err) => {
      log.error({ err }, 'a batch of commits could not be saved; reloading the halls from the database');
      hub.reloadAll();
    },
    onDiskFailure: (err) => {
      log.fatal({ err }, 'the disk refused an fsync: changes since the last one may be lost');
      opts.onDiskFailure?.(err);
    },
    fsync: opts.fsync,
    onDescriptorsShort: (err) => log.warn({ code: (err.cause as NodeJS.ErrnoException | undefined)?.code }, 'out of file descriptors: the WAL fsync is put off and retried; refusing changes meanwhile'),
    onDescriptorsBack: () => log.warn('file descriptors are back: the WAL is fsynced again'),
  });
  const overload = new Overload(() => group.descriptorsShort);
  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...opts.connections };
  const live = new LiveStore(opts.db, group);
  const auth = new AuthStore(opts.db, clock);
  const hub = new Hub(configs, live, clock, (err) => log.error({ err }, 'storage write failed'));
  const commands = new Commands(hub, auth, opts.newTicketId ?? newTicketId, new IssueLimiter(opts.kioskIssuePerMin ?? 0, clock));
  const push = new PushSender({ hub, store: new PushStore(opts.db), keys: vapidKeys(opts.db), subject: opts.vapidSubject, clock, settled: () => group.settled(), log });
  // Ratings and complaints (issue 14); their events reach webhooks and Web Push through RatingSinks (ratings.ts).
  const ratings = new Ratings(new RatingStore(opts.db), hub, clock, {
    // rating.given and complaint.answered join the outbox in the same turn as the rating's write (webhooks.ts);
    // `webhooks` is built below, before any request can rate.
    publish: (centerId, event, data) => webhooks.enqueue(centerId, event, data),
    notify: (ticketId, kind, key) => void push.notify(ticketId, kind, key),
  });
  const deps: Deps = { hub, commands, auth, configs, live, clock, version: opts.version ?? '0.0.0', settled: () => group.settled(), demo: demoCredentials(configs), ratings, push };
  const webhooks = new Webhooks({
    db: opts.db,
    hub,
    live,
    clock,
    settled: deps.settled,
    log,
    dispatch: { ...(opts.webhookTimeoutMs ? { timeoutMs: opts.webhookTimeoutMs } : {}), ...(opts.webhookRetryMs ? { firstRetryMs: opts.webhookRetryMs } : {}) },
  });

  const reportStore = new ReportStore(opts.db);
  const appointments = new Appointments(hub, new AppointmentStore(opts.db), commands, clock, webhooks);
  const remote = new RemoteJoins(hub, new RemoteStore(opts.db), commands, clock, opts.db);
  // Advising and trying days (issue 15) run on a thread of their own, started at the first request.
  const planner = new Planner();
  const routes = [
    ...queueRoutes(deps),
    ...authRoutes(deps),
    ...ticketRoutes(deps),
    ...counterRoutes(deps),
    ...balanceRoutes(deps),
    ...boardRoutes(deps),
    ...adminRoutes(deps),
    ...pushRoutes(deps, push, opts.pushEndpoints ?? 'https'),
    ...webhookRoutes(hub, webhooks),
    ...reportRoutes({ ...deps, reports: reportStore, replays: new ReplayStore(opts.db) }),
    ...ratingRoutes(deps),
    ...appointmentRoutes(deps, appointments, remote),
    ...joinRoutes(deps, remote),
    ...planningRoutes({ ...deps, reports: reportStore }, planner),
    ...planningScenarioRoutes(deps, reportStore),
  ];
  // `io` exists by the time anyone scrapes.
  const metrics = createMetrics({ hub, clock, socketClients: () => io.engine.clientsCount, storage: group });

  const app = express();
  app.disable('x-powered-by');
  // The API's answers change with every command and clients follow them over Socket.IO: hashing
  // each body for an ETag nobody revalidates is wasted work. (The built UIs keep theirs: express.static.)
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  // First, so that requests refused early (too large, rate-limited) are timed and logged too.
  app.use(observeRequests(log, routePatterns([...routes.map((r) => r.path), '/api/openapi.json', '/metrics']), metrics));
  app.use(securityHeaders());
  app.use(overload.refuseChanges());
  // Out of descriptors, the first body must not need a file (http/preload.ts).
  preloadBodyDecoding();
  app.use(express.json({ limit: '1mb' }));
  app.use((req, res, next) => {
    const header = req.get('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    res.locals.principal = token && token.length < 200 ? (auth.resolve(token) ?? null) : null;
    next();
  });
  app.use(['/api/auth/login', '/api/devices/pair'], addressLimit({ windowMs: 5 * 60_000, limit: 30, message: 'Too many attempts; wait a few minutes.', name: 'login' }, log));
  // Counted apart from logins: visitors on the hall's Wi-Fi share one address with each other, not with staff.
  // A visitor rates once per ticket; a script trying ticket ids, or flooding ratings, is stopped here.
  app.use(
    '/api/tickets/:ticketId/rating',
    addressLimit({ windowMs: 10 * 60_000, limit: 30, message: 'Too many ratings from this network address; wait ten minutes and try again.', name: 'rating' }, log),
  );
  app.use(
    '/api/tickets/:ticketId/withdraw',
    addressLimit({ windowMs: 5 * 60_000, limit: 30, message: 'Too many requests to cancel tickets from this network address; wait a few minutes, or ask at the information desk.', name: 'withdraw' }, log),
  );
  app.use(
    '/api/tickets/:ticketId/push',
    addressLimit({ windowMs: 5 * 60_000, limit: 30, message: 'Too many requests to turn alerts on or off from this network address; wait a few minutes and try again.', name: 'push' }, log),
  );

  // Booking, moving and cancelling from one address: a family books a few, a bot many. Lookups by
  // code are limited more loosely: guessing one of 2^40 codes needs far more than this allows.
  const bookPer10Min = opts.bookPer10Min ?? 20;
  if (bookPer10Min > 0) {
    const changes = addressLimit({ windowMs: 10 * 60_000, limit: bookPer10Min, message: 'Too many bookings from this network address; wait ten minutes, or book at the center.', name: 'booking' }, log);
    const lookups = addressLimit({ windowMs: 60_000, limit: 120, message: 'Too many requests for bookings from this network address; wait a minute.', name: 'booking-lookup' }, log);
    app.use('/api/appointments/:centerId', (req, res, next) => {
      // Check-in is the kiosk's and staff's (device or staff token): its own limits apply (issue limiter).
      if (req.path.endsWith('/check-in')) return next();
      return (req.method === 'POST' ? changes : lookups)(req, res, next);
    });
  }

  // Joining from outside (V1) and the hall poster's code (V2), per address: a family joins a few
  // times, a bot many; guessing a hall code takes far more tries than this allows.
  const joinPer10Min = opts.joinPer10Min ?? 20;
  if (joinPer10Min > 0) {
    const joins = addressLimit({ windowMs: 10 * 60_000, limit: joinPer10Min, message: 'Too many tickets taken from this network address; wait ten minutes, or take a ticket at the kiosk when you come.', name: 'join' }, log);
    app.post('/api/join/:centerId', joins);
    app.post('/api/tickets/:ticketId/arrive', addressLimit({ windowMs: 10 * 60_000, limit: 60, message: 'Too many check-ins from this network address; show your code at the kiosk instead.', name: 'arrive' }, log));
  }

  // The public board: a portal's server polls it every few seconds, and the phones of a crowd
  // share an address (the hall's Wi-Fi, a carrier's NAT); answers are cached, so the limit only
  // stops a flood. CORS first, so that a portal reads the 429's message too.
  const boardPerMin = opts.boardPerMin ?? 600;
  app.use(
    '/api/board',
    boardCors(),
    ...(boardPerMin > 0
      ? [addressLimit({ windowMs: 60_000, limit: boardPerMin, message: 'Too many requests for the live board from this network address; wait a minute. A site showing the board should fetch it at most every few seconds and share it with its visitors.', name: 'board' }, log)]
      : []),
  );

  app.get('/metrics', metricsEndpoint(metrics, opts.metricsToken));
  const api = express.Router();
  mount(api, routes, deps.settled);
  const openapi = openApiDocument(routes, deps.version);
  api.get('/api/openapi.json', (_req, res) => void res.json(openapi));
  api.all('/api/{*rest}', (req, res) => void res.status(404).json({ error: { code: ErrorCode.NotFound, message: `No endpoint ${req.method} ${req.path}; see /api/openapi.json.` } }));
  app.use(api);
  if (opts.rootDir) {
    app.use(staticApps(opts.rootDir, deps.demo));
  }
  // Whatever no route took (`//api/x`, `/nope`): the one error shape, not Express's HTML page.
  app.use(notFound());
  app.use(((err, _req, res, next) => {
    if (err instanceof IssueRateLimited) res.setHeader('Retry-After', String(err.retryAfterSec));
    next(err);
  }) satisfies ErrorRequestHandler);
  app.use(errorHandler(log));

  const http = createServer(serverOptions(limits), app);
  const io: QmsServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Same-origin only: the UIs are served by this server.
    cors: { origin: false },
    // A transport that has not joined within this is closed (Socket.IO's default: 45 s of a descriptor).
    connectTimeout: 10_000,
    // No connectionStateRecovery: it keeps every broadcast for minutes (its sweep runs once a
    // minute) in case a connection comes back. At a busy server's rate that was hundreds of MB of
    // old facts and 100 ms garbage-collector pauses in the middle of calls; and a client that
    // comes back needs none of it: it gets a snapshot at the current sequence number on connect.
  });
  guardConnections(http, limits, { acceptFailed: () => overload.acceptFailed(), warn: (obj, msg) => log.warn(obj, msg), upgradePath: `${io.path()}/` });
  const unsubscribe = attachSocket(io, deps);
  // After attachSocket: its authentication runs first and sets socket.data.token.
  const socketLimits: SocketLimits = { ...NO_SOCKET_LIMITS, ...opts.sockets };
  limitSockets(io, (token) => auth.resolve(token), socketLimits, overload);
  const stopTicketSockets = attachTicketSockets(io, deps, socketLimits.perAddress, overload);
  const balanceEvery = opts.balanceEveryMs ?? 60_000;
  const summariseEvery = opts.summariseEveryMs ?? 3_600_000;
  const stopSummaries = summariseEvery > 0 ? startSummaries(() => hub.ids().map((id) => hub.get(id)), reportStore, clock, summariseEvery) : () => {};
  // A4 and retention: bookings nobody came for become no-shows, personal data goes after its days.
  const sweepEvery = opts.appointmentSweepMs ?? 60_000;
  const sweeping = sweepEvery > 0 ? setInterval(() => appointments.sweepAll(), sweepEvery) : undefined;
  const remoteEvery = opts.remoteSweepMs ?? 5_000;
  const remoteSweeping = remoteEvery > 0 ? setInterval(() => remote.sweepAll(), remoteEvery) : undefined;
  webhooks.start(opts.webhookTickMs ?? 1_000);
  // Web Push: `near` as waits shrink with time alone, and past days' subscriptions dropped (at start too).
  const pushEvery = opts.pushEveryMs ?? 60_000;
  push.tick();
  const pushing = pushEvery > 0 ? setInterval(() => push.tick(), pushEvery) : undefined;
  const balancing = balanceEvery > 0 ? setInterval(() => hub.ids().forEach((id) => hub.get(id).balancer.tick(clock())), balanceEvery) : undefined;

  return {
    http,
    remote,
    io,
    deps,
    webhooks,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const addr = http.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    close: async () => {
      clearInterval(balancing);
      clearInterval(sweeping);
      clearInterval(pushing);
      clearInterval(remoteSweeping);
      stopSummaries();
      unsubscribe();
      stopTicketSockets();
      metrics.stop();
      await push.close();
      await planner.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      // Deliveries in flight are aborted, left pending for the next start (at least once).
      await webhooks.stop();
      // Whatever was answered is on the disk already; this waits for the rest before the file closes.
      await group.settled().catch(() => {});
      group.close();
    },
  };
}
