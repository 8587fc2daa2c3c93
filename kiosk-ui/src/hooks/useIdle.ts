import { useEffect, useState } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * True once nobody has touched the screen for `idleMs` while `active`. Any touch clears it: a
 * visitor who is still there only has to touch the screen (WCAG 2.2.1: a simple action extends).
 */
export function useIdle(active: boolean, idleMs: number): { idle: boolean; extend: () => void } {
  const [idle, setIdle] = useState(false);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => setIdle(true), idleMs);
    const reset = (e: Event) => {
      // The warning's own buttons decide: a touch on "Start over" must not first dismiss it.
      if (e.target instanceof Element && e.target.closest('[data-idle-warning]')) return;
      clearTimeout(timer);
      setIdle(false);
      timer = setTimeout(() => setIdle(true), idleMs);
    };
    for (const e of ACTIVITY) document.addEventListener(e, reset, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) document.removeEventListener(e, reset, { capture: true });
      // The timeout sent the visitor back to the start: the next one starts with the full time, no warning.
      setIdle(false);
    };
  }, [active, idleMs, generation]);
  return {
    idle: active && idle,
    extend: () => {
      setIdle(false);
      setGeneration((g) => g + 1);
    },
  };
}
