/**
 * Hostile payloads for the fuzz tests, as fast-check arbitraries. Values are kept in a small JSON
 * model rather than as JS objects so that a key named `__proto__` stays a plain key and numbers
 * JSON can write but JS cannot keep (`1e309`, `-0`, 30-digit integers) reach the server as text.
 *
 * Every payload a route gets is built to be wrong for it, from the route's own JSON schema (the
 * OpenAPI document, or the zod schema of a socket event): a required field missing, a field of the
 * wrong JSON type, an unknown key for a strict schema, the wrong top-level type, recursively.
 * So each request must be refused, whichever check the server runs first.
 */
import fc from 'fast-check';

/** A JSON token written as is. */
export class Raw {
  constructor(readonly text: string) {}
}
/** An object as a list of entries: `__proto__` and `constructor` are ordinary keys here. */
export class Obj {
  constructor(readonly entries: [string, Json][]) {}
}
export type Json = null | boolean | number | string | Raw | Obj | Json[];

export function jsonText(v: Json): string {
  if (v instanceof Raw) return v.text;
  if (v instanceof Obj) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  return JSON.stringify(v);
}

/** The value a JS client would send (socket.io-client encodes it with JSON.stringify). */
export function toJs(v: Json): unknown {
  if (v instanceof Raw) return JSON.parse(v.text);
  if (v instanceof Obj) {
    const o: Record<string, unknown> = {};
    // defineProperty keeps `__proto__` an own, enumerable key that JSON.stringify writes out.
    for (const [k, x] of v.entries) Object.defineProperty(o, k, { value: toJs(x), enumerable: true, writable: true, configurable: true });
    return o;
  }
  if (Array.isArray(v)) return v.map(toJs);
  return v;
}

export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', '', ' ', '\u0000', 'a.b', '$gt', '0', 'length', '😀', '\u202e'];

const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\ud800', '\udfff', '\u202eevil', 'e\u0301\u0301\u0301', 'Ａ', '\u200b', '👩‍👩‍👧‍👦', 'ﷺ', '\uffff', '\r\n\t',
  '../../etc/passwd', '%00', '%2e%2e%2f', '__proto__', 'constructor', '<script>alert(1)</script>', "' OR 1=1 --", '${7*7}', 'NaN', 'null', '-0', '1e309',
];

/**
 * Texts that show nothing, or hold control characters: every free-text field (format
 * "visible-text" in the schema, shared/src/text.ts) refuses them.
 */
export const INVISIBLE_TEXTS = [
  '\u200b\u200b', '', '   ', '\u00a0\u3000', '\ufeff', '\u200d\u2060', '\u202e\u2066', '\u00ad', '\ufe0f', '\u0301\u034f', '\u3164', '\u2800',
  '\u2028\u2029', '\u{e0020}\u{e007f}', '\ue000', 'a\u0000b', 'line\nbreak', 'tab\there', 'x\ud800',
];

const NUMBER_TOKENS = ['1e309', '-1e309', '-0', '1e-400', '123456789012345678901234567890', '0.1e1', '-0.0', '9007199254740993'].map((t) => new Raw(t));

const hugeString = fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n));
export const hostileString: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 }), hugeString);
const hostileNumber: fc.Arbitrary<Json> = fc.oneof(fc.constantFrom<Json>(...NUMBER_TOKENS, -1, 1.5, 2 ** 53 + 2, -Number.MAX_VALUE, Number.MIN_VALUE), fc.double({ noNaN: true, noDefaultInfinity: true }));

/** Nesting far deeper than any schema: written as text, since a recursive builder would not get there. */
export const deepNesting: fc.Arbitrary<Json> = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => new Raw(arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

/**
 * The classic pollution payloads, as own keys; and objects that JS cannot turn into a primitive
 * (their `toString` is not a function), once found to crash zod's length checks from inside.
 */
export const pollution: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  new Obj([['__proto__', new Obj([['polluted', 'yes'], ['isAdmin', true]])]]),
  new Obj([['constructor', new Obj([['prototype', new Obj([['polluted', 'yes']])]])]]),
  new Obj([['__proto__', new Obj([['__proto__', new Obj([['polluted', 'yes']])]])]]),
  new Obj([['length', new Obj([['toString', 1]])]]),
  new Obj([['length', [new Obj([['toString', '']])]]]),
  new Obj([['length', new Obj([['valueOf', null], ['toString', null]])], ['0', 'x']]),
);

const leaf: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), hostileNumber, hostileString);

export const hostileValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), tie('value')), { maxLength: 4 }).map((e) => new Obj(e)),
    deepNesting,
    pollution,
  ),
})).value;

/** The part of JSON Schema that zod writes and these generators read. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  maxLength?: number;
  format?: string;
  enum?: unknown[];
  const?: unknown;
}

const JSON_TYPES = ['null', 'boolean', 'number', 'string', 'array', 'object'] as const;
type JsonType = (typeof JSON_TYPES)[number];

function valueOfType(t: JsonType): fc.Arbitrary<Json> {
  switch (t) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'number':
      return hostileNumber;
    case 'string':
      return hostileString;
    case 'array':
      return fc.array(hostileValue, { maxLength: 3 });
    case 'object':
      return fc.oneof(pollution, fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), hostileValue), { maxLength: 3 }).map((e) => new Obj(e)));
  }
}

/** Any JSON value whose type the schema does not allow (nothing, when the schema allows every type). */
function wrongType(schema: Schema): fc.Arbitrary<Json> | undefined {
  const declared = schema.type ?? (schema.enum || schema.const !== undefined ? 'string' : undefined);
  if (!declared) return undefined;
  const allowed = declared === 'integer' ? 'number' : declared;
  return fc.oneof(...JSON_TYPES.filter((t) => t !== allowed).map(valueOfType));
}

/** Hostile values under keys the schema does not name: noise for loose schemas, a violation for strict ones. */
function extras(schema: Schema): fc.Arbitrary<[string, Json][]> {
  const keys = HOSTILE_KEYS.filter((k) => !(k in (schema.properties ?? {})));
  return fc.array(fc.tuple(fc.constantFrom(...keys), hostileValue), { maxLength: 3 });
}

/** An object for `schema` with `bad` as the one planted violation; the other fields are hostile or absent. */
function objectWith(schema: Schema, bad: { omit?: string; key?: string; value?: fc.Arbitrary<Json>; extraKey?: boolean }): fc.Arbitrary<Json> {
  const fields = Object.entries(schema.properties ?? {}).filter(([k]) => k !== bad.omit && k !== bad.key);
  return fc
    .tuple(
      fc.tuple(...fields.map(([k]) => fc.option(hostileValue, { nil: undefined }).map((v) => [k, v] as const))),
      bad.key && bad.value ? bad.value.map((v) => [[bad.key!, v]] as [string, Json][]) : fc.constant([] as [string, Json][]),
      bad.extraKey ? fc.tuple(fc.constantFrom(...HOSTILE_KEYS.filter((k) => !(k in (schema.properties ?? {})))), hostileValue).map((e) => [e]) : fc.constant([] as [string, Json][]),
      extras(schema),
      fc.boolean(),
    )
    .map(([given, planted, extraKey, noise, shuffle]) => {
      const entries: [string, Json][] = [...given.filter((e): e is [string, Json] => e[1] !== undefined), ...planted, ...extraKey, ...noise];
      return new Obj(shuffle ? entries.reverse() : entries);
    });
}

/**
 * A JSON value that `schema` refuses. Deliberately not a random value filtered by the schema: each
 * alternative plants a violation that no other part of the value can undo.
 */
export function violating(schema: Schema): fc.Arbitrary<Json> | undefined {
  const options: fc.Arbitrary<Json>[] = [];
  const wrong = wrongType(schema);
  if (wrong) options.push(wrong);
  if (schema.type === 'object' && schema.properties) {
    for (const r of schema.required ?? []) options.push(objectWith(schema, { omit: r }));
    for (const [k, sub] of Object.entries(schema.properties)) {
      const bad = violating(sub);
      if (bad) options.push(objectWith(schema, { key: k, value: bad }));
    }
    if (schema.additionalProperties === false) options.push(objectWith(schema, { extraKey: true }));
  }
  if (schema.type === 'array' && schema.items) {
    const bad = violating(schema.items);
    if (bad) options.push(fc.tuple(fc.array(hostileValue, { maxLength: 2 }), bad).map(([rest, b]) => [...rest, b]));
  }
  if (schema.type === 'string' && schema.maxLength !== undefined) {
    const max = schema.maxLength;
    options.push(fc.integer({ min: max + 1, max: max + 5_000 }).map((n) => 'é'.repeat(n)));
  }
  if (schema.type === 'string' && schema.format === 'visible-text') options.push(fc.constantFrom(...INVISIBLE_TEXTS));
  if (schema.enum || schema.const !== undefined) {
    const allowed = new Set(schema.enum ?? [schema.const]);
    options.push(hostileString.filter((x) => !allowed.has(x)));
  }
  return options.length ? fc.oneof(...options) : undefined;
}

/**
 * The smallest value a simple schema might accept (its required fields, each at its minimum), or
 * undefined. Sent only where another part of the request is refused (a path id naming nothing),
 * so that the refusal comes from the handler's lookup rather than from the body.
 */
export function plausible(schema: Schema & { minLength?: number; minItems?: number; minimum?: number; pattern?: string }): Json | undefined {
  if (schema.const !== undefined) return schema.const as Json;
  if (schema.enum) return schema.enum[0] as Json;
  switch (schema.type) {
    case 'string':
      return schema.pattern ? undefined : 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'number':
    case 'integer':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return false;
    case 'array': {
      if (!schema.minItems) return [];
      const item = schema.items && plausible(schema.items);
      return item === undefined ? undefined : [item];
    }
    case 'object': {
      const entries: [string, Json][] = [];
      for (const k of schema.required ?? []) {
        const v = schema.properties?.[k] && plausible(schema.properties[k]);
        if (v === undefined) return undefined;
        entries.push([k, v]);
      }
      return new Obj(entries);
    }
    default:
      return undefined;
  }
}

/**
 * A free-form object body (the admin collections take `{ ...any }` and check it against the item
 * schema afterwards): only hostile keys, none of which is a field any item requires, so it fails.
 */
export const freeFormObject: fc.Arbitrary<Json> = fc
  .array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), hostileValue), { maxLength: 4 })
  .map((e) => new Obj(e));

/** Texts that are not a JSON object or array: the JSON parser refuses them in strict mode. */
export const MALFORMED_JSON = [
  '{', '{"a":', '{"a":1,}', "{'a':1}", 'NaN', '{"a":NaN}', '{"a":undefined}', '{"a":Infinity}', '[1,2', '\u0000', '{"a":"\\x"}',
  '{"a":01}', '"str"', '1e309', 'null', 'true', '{}garbage', '{"a":1}{"b":2}', '{"a":"\u0000', '//\n{}', '{"__proto__":}',
];
