/**
 * The client's address, as Express's `trust proxy: loopback` means it, but validated.
 *
 * X-Forwarded-For is believed only from loopback (the TLS proxy on the same machine), hop by hop
 * from the right: a proxy appends the address it saw, so the rightmost entry not added by a
 * loopback hop is the client. Express would return whatever text stands there, "garbage" included,
 * and a rate limiter keyed by it would be keyed by the client's choice (and express-rate-limit
 * printed it to stderr). Here an entry that is not an IP address ends the walk: the last address
 * known to be real (the proxy's) is the client, and the header's text goes nowhere.
 */
import { isIP } from 'node:net';

/** How many hops of the header are looked at: a chain of local proxies is short. */
const MAX_HOPS = 8;

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function isLoopback(address: string): boolean {
  const a = plain(address);
  return a === '::1' || (isIP(a) === 4 && a.startsWith('127.'));
}

/**
 * `remote`: the socket's peer address; `forwardedFor`: the X-Forwarded-For header(s). Returns an
 * address that is always a valid IP (or `unknown` when the socket has already gone).
 */
export function clientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined): string {
  if (!remote || !isIP(remote)) return 'unknown';
  let client = plain(remote);
  if (!forwardedFor || !isLoopback(client)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').slice(-MAX_HOPS).reverse();
  for (const hop of hops) {
    const address = hop.trim();
    // A zone (fe80::1%eth0) is the sender's free text: not an address of the client's.
    if (!isIP(address) || address.includes('%')) break;
    client = plain(address);
    if (!isLoopback(client)) break;
  }
  return client;
}
