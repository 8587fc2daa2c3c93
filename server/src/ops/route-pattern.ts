/**
 * The route *pattern* of a request path (`/api/tickets/:ticketId`), for logs and metric labels.
 * Raw paths never leave the process: a ticket id is the key to its public status page, and a
 * label per id would also grow the metrics without bound. Matched against the route table
 * rather than read from Express's `req.route`, because requests refused before routing (a body
 * too large, a rate-limited login) must be labelled too.
 */
import { UI_APPS } from '../http/static.js';

export function routePatterns(paths: string[]): (path: string) => string {
  const patterns = [...new Set(paths)].map((p) => ({
    p,
    // Like Express: case-insensitive, a trailing slash allowed, a parameter is one segment.
    re: new RegExp(`^${p.split(/(:[A-Za-z]+)/).map((part, i) => (i % 2 ? '[^/]+' : escape(part))).join('')}/?$`, 'i'),
  }));
  return (path) => {
    for (const { p, re } of patterns) if (re.test(path)) return p;
    if (/^\/api(\/|$)/i.test(path)) return '/api/*';
    const app = UI_APPS.find((a) => path === `/${a}` || path.startsWith(`/${a}/`));
    if (app) return `/${app}/*`;
    return path === '/' ? '/' : '*';
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
