import { useEffect, useRef, useState } from 'react';

/**
 * Seconds left, ticking once a second from `seconds`; calls `onDone` once at zero. Remount the
 * component (a new `key`) to start again.
 */
export function useCountdown(seconds: number, onDone: () => void): { left: number; add: (s: number) => void } {
  const [left, setLeft] = useState(seconds);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  }, [onDone]);
  useEffect(() => {
    const id = setInterval(() => setLeft((l) => Math.max(0, l - 1)), 1_000);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    if (left === 0) done.current();
  }, [left]);
  return { left, add: (s) => setLeft((l) => l + s) };
}
