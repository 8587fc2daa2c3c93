import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * How many table rows fit in the element: rows have a fixed height in CSS, so one row tells
 * the height of all. Re-measured when the element is resized (orientation, window, zoom).
 */
export function useRowsThatFit<T extends HTMLElement>(initial: number): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [rows, setRows] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    // The observer reports once at start, then on every resize: of the box (screen, zoom) and of
    // its content (the first rows arriving after an empty start).
    const observer = new ResizeObserver(() => {
      const head = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
      const row = el.querySelector('tbody tr')?.getBoundingClientRect().height ?? 0;
      if (row > 0) setRows(Math.max(1, Math.floor((el.clientHeight - head) / row)));
    });
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return [ref, rows];
}
