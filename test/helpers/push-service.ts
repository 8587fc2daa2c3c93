/**
 * A browser vendor's push service, played locally (issue 14): a node:http server that takes the
 * server's Web Push POSTs (RFC 8030), and a phone's subscription made here with a real key pair,
 * so each message can be decrypted as the phone would (RFC 8291, aes128gcm) and its VAPID header
 * checked (RFC 8292). Nothing from web-push is used on this side: the test checks it, not itself.
 */
import { createECDH, createPublicKey, createDecipheriv, hkdfSync, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A phone's browser: its P-256 key pair and auth secret, as PushManager.subscribe makes them. */
export interface Phone {
  endpoint: string;
  ecdh: ECDH;
  auth: Buffer;
  /** PushSubscription.toJSON(), as the page POSTs it. */
  json: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
}

export class LocalPushService {
  readonly received: Received[] = [];
  /** Per path: the status to answer (default 201 Created, as the real services do). */
  readonly answer = new Map<string, number>();
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<LocalPushService> {
    // The handler needs the service, and the service the listening server: a box breaks the circle.
    const box: { svc?: LocalPushService } = {};
    const server = createServer((req, res) => {
      const svc = box.svc;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        svc!.received.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
        res.statusCode = svc!.answer.get(path) ?? 201;
        res.end();
        svc!.waiters.splice(0).forEach((w) => w());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    if (!addr || typeof addr !== 'object') throw new Error('no port');
    box.svc = new LocalPushService(server, `http://127.0.0.1:${addr.port}`);
    return box.svc;
  }

  /** A new phone subscribed at this service: its own endpoint path, key pair and secret. */
  phone(): Phone {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    const endpoint = `${this.origin}/push/${randomBytes(24).toString('base64url')}`;
    return { endpoint, ecdh, auth, json: { endpoint, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } } };
  }

  /** Wait until `count` messages in all have arrived (never sleep a fixed time). */
  async waitFor(count: number, timeoutMs = 5_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the push service got ${this.received.length} messages, expected ${count}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received;
  }

  forPhone(phone: Phone): Received[] {
    return this.received.filter((r) => this.origin + r.path === phone.endpoint);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** HKDF-SHA256 (RFC 5869), extract and expand. */
const hkdf = (ikm: Buffer, salt: Buffer, info: Buffer, length: number) => Buffer.from(hkdfSync('sha256', ikm, salt, info, length));

/**
 * RFC 8291 §3.4 and RFC 8188: the body is salt (16) | record size (4) | key id length (1) | key id
 * (the server's one-off public key, 65) | one record, AES-128-GCM with its 16-byte tag; the record's
 * plaintext ends with the last-record delimiter 0x02 and optional zero padding.
 */
export function decrypt(phone: Phone, body: Buffer): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const asPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error(`key id of ${idLength} bytes, expected the 65-byte P-256 key`);
  if (record.length > recordSize) throw new Error('more than one record: a push message fits in one');
  const uaPublic = phone.ecdh.getPublicKey();
  const ecdhSecret = phone.ecdh.computeSecret(asPublic);
  const ikm = hkdf(ecdhSecret, phone.auth, Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]), 32);
  const cek = hkdf(ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end -= 1;
  if (plain[end] !== 0x02) throw new Error('no last-record delimiter (0x02) after the padding');
  return plain.subarray(0, end).toString('utf8');
}

export interface Vapid {
  header: { typ?: string; alg: string };
  claims: { aud: string; exp: number; sub: string };
  key: string;
}

/**
 * RFC 8292 §3: `Authorization: vapid t=<JWT>, k=<public key>`. The JWT's ES256 signature is
 * checked against `publicKey` (the server's, from GET /api/push/key); throws if it does not verify.
 */
export function checkVapid(authorization: string | undefined, publicKey: string): Vapid {
  const m = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!m) throw new Error(`not a VAPID Authorization header: ${authorization}`);
  const [jwt, key] = [m[1]!, m[2]!];
  const [h, c, sig] = jwt.split('.') as [string, string, string];
  const point = Buffer.from(publicKey, 'base64url');
  const pub = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  const ok = verify('sha256', Buffer.from(`${h}.${c}`), { key: pub, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'));
  if (!ok) throw new Error('the VAPID JWT does not verify with the server\'s public key');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), claims: JSON.parse(Buffer.from(c, 'base64url').toString()), key };
}
