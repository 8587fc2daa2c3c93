import { useEffect, useLayoutEffect, useRef } from 'react';
import { readCode } from '../checkin';
import { SCAN_GAP_MS } from './useScanner';

/**
 * Visitors with a booking often hold its QR code to the scanner before touching anything. On the
 * start and services screens, a burst of keys ending in Enter that reads as a booking code goes
 * straight to its check-in. Keys typed into a field (the search) are the field's, and an Enter
 * after anything else is left to the button it falls on.
 */
export function useScanAnywhere(enabled: boolean, onCode: (typed: string) => void): void {
  const handler = useRef(onCode);
  useLayoutEffect(() => {
    handler.current = onCode;
  });
  useEffect(() => {
    if (!enabled) return;
    let typed = '';
    let last = -Infinity;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      if (e.timeStamp - last > SCAN_GAP_MS) typed = '';
      last = e.timeStamp;
      if (/^[\p{L}\p{N}-]$/u.test(e.key)) typed += e.key;
      else if (e.key === 'Enter' && readCode(typed).ok) {
        e.preventDefault();
        handler.current(typed);
        typed = '';
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}
