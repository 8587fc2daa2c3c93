import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/** A scanner types a code in a few milliseconds a key; its Enter follows at once. */
export const SCAN_GAP_MS = 1_000;

/**
 * A kiosk's 2D scanner is a keyboard: it types the code and presses Enter into whatever has the
 * focus. Its field has it on arrival; should the visitor have touched something else first (large
 * text, read aloud), a scan still lands in the field, replacing what was there (a scan is a whole
 * code), and its Enter submits instead of pressing that button. An Enter with no scan before it is
 * left alone, so a keyboard user's Enter on a button still presses it.
 */
export function useScanner(field: RefObject<HTMLInputElement | null>, onScanStart: (ch: string) => void, onEnter: () => void): void {
  const handlers = useRef({ onScanStart, onEnter });
  useLayoutEffect(() => {
    handlers.current = { onScanStart, onEnter };
  });
  useEffect(() => {
    let lastKey = -Infinity;
    const onKeyDown = (e: KeyboardEvent) => {
      const input = field.current;
      if (!input || e.target === input || e.ctrlKey || e.altKey || e.metaKey) return;
      // The idle warning's own buttons decide (useIdle.ts).
      if (e.target instanceof Element && e.target.closest('[data-idle-warning]')) return;
      if (/^[\p{L}\p{N}-]$/u.test(e.key)) {
        e.preventDefault();
        lastKey = e.timeStamp;
        input.focus();
        handlers.current.onScanStart(e.key);
      } else if (e.key === 'Enter' && e.timeStamp - lastKey < SCAN_GAP_MS) {
        e.preventDefault();
        input.focus();
        handlers.current.onEnter();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [field]);
}
