/**
 * Bad requests per endpoint, built from the OpenAPI document the server serves (generated from
 * its route table), so an endpoint added tomorrow is fuzzed without anyone touching this file.
 *
 * Each probe carries at least one part the server must refuse before anything happens: a body
 * the JSON parser refuses, an unsupported charset or encoding, a body the route's schema refuses,
 * no usable body where one is required, a path id that names nothing, or a bad query value.
 */
import fc from 'fast-check';
import { hallIds, type Hall } from './hall.js';
import { HOSTILE_KEYS, MALFORMED_JSON, freeFormObject, hostileString, jsonText, plausible, violating, type Schema } from './payloads.js';

export interface RouteInfo {
  /** `POST /api/counters/{counterId}/claim`, as in the OpenAPI document. */
  key: string;
  method: string;
  path: string;
  params: string[];
  access: string;
  body?: Schema;
}

export interface Probe {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export function routesOf(openapi: any): RouteInfo[] {
  const out: RouteInfo[] = [];
  for (const [path, ops] of Object.entries<Record<string, any>>(openapi.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      const access = op.security ? 'public' : (/Requires: ([\w-]+)\./.exec(op.description ?? '')?.[1] ?? 'unknown');
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        access,
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

/** A token that gets past each access level, so that the checks behind it are the ones tested. */
export function tokensFor(access: string, hall: Hall): (string | undefined)[] {
  const t = hall.tokens;
  switch (access) {
    case 'public':
      // A token would make /api/services ignore its ?center= query.
      return [undefined];
    case 'device-or-staff':
      return [t.kiosk, t.display, t.op1];
    case 'staff':
      return [t.op1, t.super];
    case 'supervisor':
      return [t.super, t.admin];
    case 'admin':
      return [t.admin];
    default:
      throw new Error(`unknown access level "${access}" in the OpenAPI document`);
  }
}

/**
 * Ids that exist in the hall, so that a probe with a bad body reaches the route's handler with a
 * real target: op1's counter, a waiting ticket, a real service. A parameter not listed here is
 * fuzzed with hostile values only.
 */
function realParam(route: RouteInfo, name: string, hall: Hall): string | undefined {
  if (name === 'counterId') return '2';
  if (name === 'ticketId') return hall.tickets.waiting;
  if (name === 'login') return 'op3';
  if (name === 'deliveryId') return String(hall.webhook.failedDelivery);
  if (name === 'id') {
    const collection = /^\/api\/admin\/([\w-]+)\//.exec(route.path)?.[1];
    return ({ services: 'passport', 'priority-categories': 'disability', counters: '2', devices: 'kiosk', webhooks: hall.webhook.id } as Record<string, string>)[collection ?? ''];
  }
  return undefined;
}

/** Path segments as they go on the wire; some are decoded by the router into something nasty. */
const HOSTILE_SEGMENTS = [
  '..', '.', '%2e%2e', '%2E%2E%2F..%2Fadmin', '..%2F..%2Fetc%2Fpasswd', '%00', 'a%00b', '%E0%A4%A', '%', '%zz', '%C0%AE%C0%AE',
  '%uD800', '%ED%A0%80', 'x'.repeat(8_000), '__proto__', 'constructor', 'toString', '%5F%5Fproto%5F%5F', '%20', '1%20', '01', '2.0', '-1',
];

/** Percent-encoding that also takes lone surrogates (encodeURIComponent throws on them): as U+FFFD, as a browser would. */
export function encodeSegment(x: string): string {
  return [...Buffer.from(x, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

function hostileSegment(real: Set<string>): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...HOSTILE_SEGMENTS), hostileString.filter((x) => x.length > 0 && x.length < 2_000 && x !== '.' && x !== '..' && !real.has(x)).map(encodeSegment));
}

/** Queries that a route reading its query must refuse. */
const BAD_QUERIES: Record<string, fc.Arbitrary<string>> = {
  'GET /api/events': fc.oneof(
    fc.constantFrom('', 'since=abc', 'since=-1', 'since=1.5', 'since=1e309', 'since=NaN', 'since=Infinity', 'since=1&since=2', 'since[]=1', 'since=%E0%A4%A', 'since=0x'),
    hostileString.filter((x) => x.length < 500 && !Number.isSafeInteger(Number(x.trim() || '0'))).map((x) => `since=${encodeSegment(x)}`),
  ),
  'GET /api/services': fc.oneof(
    fc.constantFrom('center=a&center=b', `center=${'c'.repeat(65)}`, 'center=__proto__', 'center=constructor', 'center=', 'center=C1', 'center=c1%00'),
    hostileString.filter((x) => x !== 'c1' && x.length < 500).map((x) => `center=${encodeSegment(x)}`),
  ),
  // Each one wrong in one way: a period backwards, over a year, a day that does not exist, a weekday misspelt, a key too many, a center that is not there.
  'GET /api/planning/scenario': fc.oneof(
    fc.constantFrom(
      '', 'centerId=c1', 'centerId=c1&from=2026-03-01', 'centerId=c1&from=2026-03-02&to=2026-03-01', 'centerId=c1&from=2024-01-01&to=2026-03-01',
      'centerId=c1&from=2026-02-30&to=2026-03-01', 'centerId=c1&from=2026-3-1&to=2026-03-01', 'centerId=c1&from=2026-02-01&to=2026-03-01&weekday=monday',
      'centerId=c1&from=2026-02-01&to=2026-03-01&weekday=MON', 'centerId=c1&from=2026-02-01&to=2026-03-01&groupBy=day', 'centerId=c1&centerId=c2&from=2026-02-01&to=2026-03-01',
      'centerId=c1&from[]=2026-02-01&to=2026-03-01', 'centerId=&from=2026-02-01&to=2026-03-01', 'centerId=__proto__&from=2026-02-01&to=2026-03-01',
    ),
    hostileString.filter((x) => x !== 'c1' && x.length < 500).map((x) => `centerId=${encodeSegment(x)}&from=2026-02-01&to=2026-03-01`),
    hostileString.filter((x) => !/^\d{4}-\d{2}-\d{2}$/.test(x) && x.length < 500).map((x) => `centerId=c1&from=${encodeSegment(x)}&to=2026-03-01`),
  ),
};

/** Noise in the query of routes that do not read it. */
const noiseQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom('__proto__[polluted]=1', 'constructor[prototype][polluted]=1', 'a=%E0%A4%A', '%%%', '&&&=', 'a[b][c][d]=1'),
  fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), hostileString.filter((x) => x.length < 200)), { maxLength: 3 }).map((kv) => kv.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&')),
);

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'];
const OTHER_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/vnd.api+json'];

interface Body {
  headers: Record<string, string>;
  body?: string;
}

const malformed: fc.Arbitrary<Body> = fc.tuple(fc.constantFrom(...MALFORMED_JSON), fc.constantFrom(...JSON_TYPES)).map(([body, ct]) => ({ headers: { 'content-type': ct }, body }));

/** Bodies the parser cannot even read: an unsupported charset or content encoding. */
const unreadable: fc.Arbitrary<Body> = fc.constantFrom<Body>(
  { headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' },
  { headers: { 'content-type': 'application/json; charset=koi8-r' }, body: '{"a":1}' },
  { headers: { 'content-type': 'application/json', 'content-encoding': 'xyz' }, body: '{}' },
  { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'not gzip at all' },
  { headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }, body: '{}' },
);

/** A body the parser ignores, so the route sees `{}`: refused only where `{}` is not enough. */
const ignored: fc.Arbitrary<Body> = fc.oneof(
  fc.constant<Body>({ headers: {} }),
  fc.tuple(fc.constantFrom(...OTHER_TYPES), fc.constantFrom('{"serviceId":"passport"}', 'a=1', '<x/>', '')).map(([ct, body]) => ({ headers: { 'content-type': ct }, body })),
);

function schemaViolating(schema: Schema): fc.Arbitrary<Body> | undefined {
  const bad = schema.properties ? violating(schema) : fc.oneof(freeFormObject, violating(schema)!);
  return bad && fc.tuple(bad, fc.constantFrom(...JSON_TYPES)).map(([v, ct]) => ({ headers: { 'content-type': ct }, body: jsonText(v) }));
}

/** `{}` fails the schema: it names required fields, or it is free-form and checked against an item schema later. */
const emptyRefused = (schema: Schema | undefined) => schema !== undefined && (!schema.properties || (schema.required?.length ?? 0) > 0);

export function probes(route: RouteInfo, hall: Hall): fc.Arbitrary<Probe> {
  const token = fc.constantFrom(...tokensFor(route.access, hall));
  const hostile = hostileSegment(hallIds(hall));
  const anyParam = (name: string) => {
    const real = realParam(route, name, hall);
    return real === undefined ? hostile : fc.oneof(fc.constant(encodeSegment(real)), hostile);
  };
  const pathWith = (segments: string[]) => route.path.replace(/\{(\w+)\}/g, (_m, name: string) => segments[route.params.indexOf(name)]!);
  const realOrHostilePath = fc.tuple(...route.params.map(anyParam)).map(pathWith);
  const hostilePath = fc.tuple(...route.params.map(() => hostile)).map(pathWith);
  const violatingBody = route.body && schemaViolating(route.body);
  const badQuery = BAD_QUERIES[route.key];

  const fitting = route.body && plausible(route.body);
  /** Whatever body, most often one that might pass; used when another part of the probe is the refused one. */
  const anyBody = fc.oneof(
    ...(fitting !== undefined ? [{ arbitrary: fc.constant<Body>({ headers: { 'content-type': 'application/json' }, body: jsonText(fitting) }), weight: 3 }] : []),
    { arbitrary: ignored, weight: 2 },
    { arbitrary: malformed, weight: 1 },
    ...(violatingBody ? [{ arbitrary: violatingBody, weight: 1 }] : []),
  );
  /** Refused bodies, weighted towards the schema: the parser's refusals are the same on every route. */
  const refusedBodies: [string, fc.Arbitrary<Body>, number][] = [
    ['malformed JSON', malformed, 1],
    ['unreadable body', unreadable, 1],
    ...(violatingBody ? [['schema violation', violatingBody, 6] as [string, fc.Arbitrary<Body>, number]] : []),
    ...(emptyRefused(route.body) ? [['no usable body', ignored, 1] as [string, fc.Arbitrary<Body>, number]] : []),
  ];
  const assemble = (kind: string, path: fc.Arbitrary<string>, query: fc.Arbitrary<string>, body: fc.Arbitrary<Body>) =>
    fc.record({ path, query, body, token }).map(({ path: p, query: q, body: b, token: tk }): Probe => ({
      kind,
      method: route.method,
      path: q ? `${p}?${q}` : p,
      headers: { ...b.headers, ...(tk ? { authorization: `Bearer ${tk}` } : {}) },
      ...(b.body !== undefined ? { body: b.body } : {}),
    }));
  const kinds = [
    ...refusedBodies.map(([kind, body, weight]) => ({ arbitrary: assemble(kind, realOrHostilePath, noiseQuery, body), weight })),
    ...(route.params.length ? [{ arbitrary: assemble('path id naming nothing', hostilePath, noiseQuery, anyBody), weight: 4 }] : []),
    ...(badQuery ? [{ arbitrary: assemble('bad query', realOrHostilePath, badQuery, anyBody), weight: 4 }] : []),
  ];
  return fc.oneof(...kinds).map((probe) => {
    Object.defineProperty(probe, fc.toStringMethod, { value: () => show(probe) });
    return probe;
  });
}

/** A probe in one short line: bodies can be 200 kB. */
export function show(probe: Probe): string {
  return `${probe.kind}: ${probe.method} ${probe.path.slice(0, 200)} ${JSON.stringify(probe.headers)} ${(probe.body ?? '').slice(0, 300)}`;
}
