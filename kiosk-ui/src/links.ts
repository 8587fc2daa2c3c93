/** Where the app lives: Vite's base ("/kiosk/"), and the phone page of a ticket under it. */
export const BASE = import.meta.env.BASE_URL;

/** The QR code's target. Phones must reach it, so an installer can set a public origin. */
export function ticketStatusUrl(ticketId: string, lang: string, publicUrl: string | null, origin: string): string {
  return `${publicUrl ?? origin}${BASE}t/${encodeURIComponent(ticketId)}?lang=${lang}`;
}

/** The ticket id when the address is the phone page, else null. */
export function statusRouteId(pathname: string): string | null {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : null;
  const m = rest?.match(/^t\/([^/]+)\/?$/);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}
