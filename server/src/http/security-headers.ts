/**
 * Security headers: helmet's, computed once. With no directive that depends on the request,
 * helmet gives every response of a kind the same dozen headers, and running its dozen middlewares
 * on each request was a measurable share of a busy server's time. So helmet runs once per kind
 * (over HTTPS or not) at start, and each response gets a copy of what it set.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * `upgrade-insecure-requests` only over HTTPS (directly, or X-Forwarded-Proto from the local
 * proxy): on a plain-HTTP LAN install the browser would otherwise fetch every script of the
 * kiosk over https:// from a server that has no TLS, and show a blank page.
 */
export function helmetFor(secure: boolean): RequestHandler {
  return helmet({ contentSecurityPolicy: { directives: { 'style-src': ["'self'", "'unsafe-inline'"], ...(secure ? {} : { 'upgrade-insecure-requests': null }) } } });
}

type Header = [name: string, value: string | number | readonly string[]];

/** The headers `middleware` sets on a response, found by running it once on a stand-in. */
export function headersOf(middleware: RequestHandler): Header[] {
  const set = new Map<string, Header>();
  const res = {
    setHeader(name: string, value: Header[1]) {
      set.set(name.toLowerCase(), [name, value]);
      return res;
    },
    removeHeader(name: string) {
      set.delete(name.toLowerCase());
    },
    getHeader(name: string) {
      return set.get(name.toLowerCase())?.[1];
    },
  };
  let done = false;
  middleware({ method: 'GET', url: '/', headers: {} } as never, res as never, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  // helmet is synchronous; if a later version were not, copying would be wrong: refuse to start.
  if (!done) throw new Error('helmet did not finish synchronously; security headers cannot be precomputed');
  return [...set.values()];
}

export function securityHeaders(): RequestHandler {
  const overHttps = headersOf(helmetFor(true));
  const overHttp = headersOf(helmetFor(false));
  return (req, res, next) => {
    // req.secure weighs the proxy's X-Forwarded-Proto against `trust proxy` (a per-request
    // address check): only worth it when there is such a header.
    const secure = req.headers['x-forwarded-proto'] === undefined ? (req.socket as { encrypted?: boolean }).encrypted === true : req.secure;
    for (const [name, value] of secure ? overHttps : overHttp) res.setHeader(name, value);
    next();
  };
}
