import { useEffect } from 'react';
import { useKiosk } from '../store';

/** Declare what read-aloud says on this screen: its heading first, then its options in order. */
export function useScreenSpeech(lines: (string | null | undefined | false)[]): void {
  const key = lines.filter((l): l is string => typeof l === 'string' && l.length > 0).join('\n');
  useEffect(() => {
    useKiosk.getState().setSpeechLines(key ? key.split('\n') : []);
  }, [key]);
}
