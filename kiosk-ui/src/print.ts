/**
 * Thermal printing. The printed ticket is its own element (PrintTicket); print CSS hides
 * everything else, and an @page rule sized to the paper roll and the ticket's own height keeps
 * Chromium from laying out an A4 page (the complaint about other systems, PRODUCT.md).
 */
import type { Paper } from './store/settings';

const STYLE_ID = 'qms-page-size';
const PX_PER_MM = 96 / 25.4;

/** Page = paper width × the ticket's height (+ a little feed for the cutter). */
export function pageRule(paper: Paper, ticketHeightPx: number): string {
  const heightMm = Math.ceil(ticketHeightPx / PX_PER_MM) + 8;
  return `@page { size: ${paper}mm ${heightMm}mm; margin: 0; }`;
}

export function setPageSize(paper: Paper, ticketHeightPx: number): void {
  let style = document.getElementById(STYLE_ID);
  if (!style) {
    style = document.createElement('style');
    style.id = STYLE_ID;
    document.head.append(style);
  }
  style.textContent = pageRule(paper, ticketHeightPx);
}

/** Print once the QR code image is decoded, so it is never missing from the paper. */
export async function printTicket(): Promise<void> {
  const images = [...document.querySelectorAll<HTMLImageElement>('.print-ticket img')];
  await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
  window.print();
}

const printed = new Set<string>();

/** Automatic printing prints each ticket once, even if its screen is rendered twice. */
export function autoPrintOnce(ticketId: string): void {
  if (printed.has(ticketId)) return;
  printed.add(ticketId);
  void printTicket();
}
