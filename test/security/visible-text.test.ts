/**
 * Free text people and devices set must show something (issue 10 §6): a pause reason of only
 * zero-width spaces was accepted. Every such field (names, reasons, counter number and zone) goes
 * through one helper, shared/src/text.ts: at least one visible character once whitespace and
 * invisible characters are left aside, and no control character.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  VISIBLE_TEXT_MESSAGE,
  centerConfigSchema,
  createDeviceBody,
  hasVisibleText,
  pauseBody,
  setServicesBody,
  visibleText,
  type CenterConfigInput,
} from '@qms/shared';
import { testCenter } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { ask } from '../realtime/recorder.js';
import { INVISIBLE_TEXTS } from './payloads.js';

/** Texts that show nothing: each is refused with the message that says what to write. */
const INVISIBLE_ONLY: Record<string, string> = {
  'two zero-width spaces': '\u200b\u200b',
  'an empty string': '',
  spaces: '   ',
  'no-break and ideographic spaces': '\u00a0\u3000\u2007\u202f',
  'a byte order mark': '\ufeff',
  'joiners and the word joiner': '\u200c\u200d\u2060',
  'bidi marks and isolates': '\u200e\u200f\u202a\u202e\u2066\u2069',
  'a soft hyphen': '\u00ad',
  'the Mongolian vowel separator': '\u180e',
  'variation selectors': '\ufe0f\ufe0e\u{e0100}',
  'the combining grapheme joiner': '\u034f',
  'combining accents on nothing': '\u0301\u0300',
  'tag characters': '\u{e0020}\u{e0041}\u{e007f}',
  'Hangul fillers': '\u3164\u115f\uffa0',
  'the braille blank': '\u2800',
  'a private-use character': '\ue000',
  'line and paragraph separators': '\u2028\u2029',
  'a mix of all of them': ' \u200b\u00a0\ufeff\u2060\ufe0f\u0301\u3164 ',
};

/** Control characters inside a text are refused even when it shows something. */
const WITH_CONTROLS: Record<string, string> = {
  'a NUL': 'Lunch\u0000',
  'a line break inside': 'Lun\nch',
  'a tab inside': 'Lun\tch',
  'an escape sequence': '\u001b[31mred',
  'a C1 control': 'Lunch\u0085break',
  'a line separator inside': 'Lun\u2028ch',
  'a lone surrogate': 'Lunch\ud800',
};

/** Real names and reasons: accepted as they are (only surrounding whitespace goes). */
const VALID: Record<string, string> = {
  Russian: 'Регистрация недвижимости',
  'Vietnamese, precomposed': 'Trung tâm Phục vụ hành chính công',
  'Vietnamese, combining diacritics (NFD)': 'Nguye\u0302\u0303n Va\u0306n Thu\u031b\u0301',
  'Uzbek with ‘ and ʻ': 'Oʻzbekiston, Toshkent ko‘chasi',
  'an emoji with a variation selector': '☕️',
  'a family emoji (zero-width joiners)': '👩‍👩‍👧‍👦',
  'a subdivision flag (tag characters)': '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  'a zero-width joiner inside a word': 'क्‍ष',
  'one digit': '7',
  'one letter after zero-width spaces': '\u200b\u200bA',
  punctuation: '—',
};

const expectRefused = (result: { success: boolean; error?: { issues: { message: string }[] } }, what: string, pattern: RegExp) => {
  expect(result.success, what).toBe(false);
  expect(result.error?.issues.map((i) => i.message).join('; '), what).toMatch(pattern);
};
const SAYS_WHAT_TO_DO = /write at least one letter or digit/;
const SAYS_ONE_LINE = /remove the control characters/;

describe('visibleText', () => {
  const schema = visibleText(200);

  it.each(Object.entries(INVISIBLE_ONLY))('refuses %s, saying what to write', (what, text) => {
    expect(hasVisibleText(text), what).toBe(false);
    const r = schema.safeParse(text);
    expectRefused(r, what, SAYS_WHAT_TO_DO);
    expect(r.error?.issues).toHaveLength(1);
  });

  it.each(Object.entries(WITH_CONTROLS))('refuses %s', (what, text) => {
    expectRefused(schema.safeParse(text), what, SAYS_ONE_LINE);
  });

  it.each(Object.entries(VALID))('accepts %s as it is', (what, text) => {
    expect(schema.safeParse(text), what).toEqual({ success: true, data: text });
    expect(schema.safeParse(` ${text}\u00a0\n`), what).toEqual({ success: true, data: text });
  });

  it('refuses every invisible text of the fuzz payloads (payloads.ts plants them in "visible-text" fields)', () => {
    for (const text of INVISIBLE_TEXTS) expect(schema.safeParse(text).success, JSON.stringify(text)).toBe(false);
  });

  it('counts its length after trimming, and a field of its own leads the message', () => {
    expect(visibleText(3).safeParse('  abc  ')).toEqual({ success: true, data: 'abc' });
    expect(visibleText(3).safeParse('abcd').success).toBe(false);
    const r = visibleText(10, 'say why').safeParse('\u200b');
    expect(r.error?.issues.map((i) => i.message)).toEqual([`say why: ${VISIBLE_TEXT_MESSAGE}`]);
  });
});

/** Every free-text field of the configuration, as a setter on a fresh test center. */
const CONFIG_FIELDS: Record<string, (cfg: CenterConfigInput, text: string) => void> = {
  'center.name': (cfg, t) => void (cfg.center.name = t),
  'services[0].names.ru': (cfg, t) => void (cfg.services[0]!.names = { ...cfg.services[0]!.names, ru: t }),
  'services[1].names.en': (cfg, t) => void (cfg.services[1]!.names = { ...cfg.services[1]!.names, en: t }),
  'services[0].category': (cfg, t) => void (cfg.services[0]!.category = t),
  'priorityCategories[0].names.en': (cfg, t) => void (cfg.priorityCategories![0]!.names = { en: t }),
  'counters[0].number': (cfg, t) => void (cfg.counters![0]!.number = t),
  'counters[0].zone': (cfg, t) => void (cfg.counters![0]!.zone = t),
  'staff[2].name': (cfg, t) => void (cfg.staff![2]!.name = t),
  'devices[0].name': (cfg, t) => void (cfg.devices![0]!.name = t),
};

describe('every free-text field of the configuration', () => {
  it.each(Object.keys(CONFIG_FIELDS))('%s refuses invisible-only text and control characters, and keeps real names', (path) => {
    const set = CONFIG_FIELDS[path]!;
    const parse = (text: string) => {
      const cfg = testCenter();
      set(cfg, text);
      return centerConfigSchema.safeParse(cfg);
    };
    for (const [what, text] of Object.entries(INVISIBLE_ONLY)) {
      const r = parse(text);
      expectRefused(r, `${path}: ${what}`, SAYS_WHAT_TO_DO);
      expect(r.error?.issues.map((i) => i.path.map(String).join('.')), `${path}: ${what}`).toEqual([path.replace(/\[(\d+)\]/g, '.$1')]);
    }
    for (const [what, text] of Object.entries(WITH_CONTROLS)) expectRefused(parse(text), `${path}: ${what}`, SAYS_ONE_LINE);
    // Counter numbers are short ("7", "12A"): the long names do not fit in 8 characters.
    for (const [what, text] of Object.entries(VALID)) {
      if (path.endsWith('.number') && text.length > 8) continue;
      expect(parse(text).success, `${path}: ${what}`).toBe(true);
    }
  });
});

describe('every free-text field of a request body', () => {
  const BODIES = {
    'pause reason': (t: string) => pauseBody.safeParse({ reason: t }),
    'set-services reason': (t: string) => setServicesBody.safeParse({ services: [{ serviceId: 'passport' }], reason: t }),
    'device name': (t: string) => createDeviceBody.safeParse({ id: 'tv2', kind: 'display', name: t }),
  };
  it.each(Object.keys(BODIES))('%s', (name) => {
    const parse = BODIES[name as keyof typeof BODIES];
    for (const [what, text] of Object.entries(INVISIBLE_ONLY)) expectRefused(parse(text), `${name}: ${what}`, SAYS_WHAT_TO_DO);
    for (const [what, text] of Object.entries(WITH_CONTROLS)) expectRefused(parse(text), `${name}: ${what}`, SAYS_ONE_LINE);
    for (const [what, text] of Object.entries(VALID)) expect(parse(text).success, `${name}: ${what}`).toBe(true);
  });

  it('the pause reason says why it is needed', () => {
    expect(pauseBody.safeParse({ reason: '\u200b\u200b' }).error?.issues.map((i) => i.message)).toEqual([`say why the counter pauses: ${VISIBLE_TEXT_MESSAGE}`]);
  });
});

describe('over HTTP and Socket.IO', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer();
  });
  afterEach(async () => {
    await s.stop();
  });
  const act = (token: string, counter: string, action: string, body: object = {}) => s.call('POST', `/api/counters/${counter}/${action}`, { token, body });

  it('the OpenAPI document marks the free-text fields "visible-text" (the fuzz tests plant invisible texts there)', async () => {
    const doc = (await s.call('GET', '/api/openapi.json')).body;
    const body = (path: string, method = 'post') => doc.paths[path][method].requestBody.content['application/json'].schema;
    expect(body('/api/counters/{counterId}/pause').properties.reason).toMatchObject({ type: 'string', minLength: 1, maxLength: 200, format: 'visible-text' });
    expect(body('/api/counters/{counterId}/services', 'put').properties.reason).toMatchObject({ format: 'visible-text' });
    expect(body('/api/admin/devices').properties.name).toMatchObject({ format: 'visible-text' });
    expect(JSON.stringify(body('/api/admin/config', 'put')).match(/"format":"visible-text"/g)?.length).toBeGreaterThanOrEqual(8);
  });

  it('a pause reason of zero-width spaces is refused, over both transports, and the counter stays open', async () => {
    const op = await s.login('op1');
    expect((await act(op, '1', 'claim')).status).toBe(200);
    const refused = await act(op, '1', 'pause', { reason: '\u200b\u200b' });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST', message: expect.stringMatching(/reason: say why the counter pauses: write at least one letter or digit/) } } });
    const socket = s.socket(op);
    expect(await ask(socket, 'counter:pause', { counterId: '1', reason: '\u2060\ufeff\u00a0' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(SAYS_WHAT_TO_DO) },
    });
    expect(await ask(socket, 'counter:pause', { counterId: '1', reason: 'Lunch\nbreak' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(SAYS_ONE_LINE) } });
    expect((await s.call('GET', '/api/counters', { token: op })).body[0]).toMatchObject({ id: '1', status: 'open', pauseReason: null });
    expect(await act(op, '1', 'pause', { reason: '  Обед  ' })).toMatchObject({ status: 200, body: { counter: { status: 'paused', pauseReason: 'Обед' } } });
  });

  it('a supervisor\'s set-services reason, a device name and the admin\'s names are refused the same way', async () => {
    const sup = await s.login('super');
    const admin = await s.login('admin');
    const put = await s.call('PUT', '/api/counters/1/services', { token: sup, body: { services: [{ serviceId: 'passport' }], reason: '\u200b' } });
    expect(put).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(SAYS_WHAT_TO_DO) } } });
    const device = await s.call('POST', '/api/admin/devices', { token: admin, body: { id: 'tv2', kind: 'display', name: '\u200b\u200b' } });
    expect(device).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(SAYS_WHAT_TO_DO) } } });
    const service = await s.call('PUT', '/api/admin/services/visa', { token: admin, body: { id: 'visa', prefix: 'V', names: { en: '\u3164' } } });
    expect(service).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(SAYS_WHAT_TO_DO) } } });
    const staff = await s.call('PUT', '/api/admin/staff/op3', { token: admin, body: { name: '\u200b', role: 'operator', password: 'password-456', services: [] } });
    expect(staff.status).toBe(400);
    expect(staff.body.error.message).toMatch(SAYS_WHAT_TO_DO);
    // Valid names still go in.
    expect((await s.call('PUT', '/api/admin/services/visa', { token: admin, body: { id: 'visa', prefix: 'V', names: { vi: 'Thị thực', uz: 'Vizaʻ' } } })).status).toBe(200);
  });
});
