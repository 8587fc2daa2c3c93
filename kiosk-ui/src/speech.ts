/**
 * Read-aloud for visitors who do not read well (EN 301 549: speech output without the visitor's
 * own assistive technology). Speaks only with a voice for the chosen language: reading
 * Vietnamese words with a Russian voice helps nobody, so then the kiosk says it cannot.
 */
import type { KioskStore } from './store';

function synth(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
}

export function speechSupported(): boolean {
  return synth() !== null;
}

/** A voice for the language; undefined when the browser lists no voices at all (yet). */
function voiceFor(lang: string): SpeechSynthesisVoice | null | undefined {
  const voices = synth()?.getVoices() ?? [];
  if (voices.length === 0) return undefined;
  const mine = voices.filter((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === lang);
  return mine.find((v) => v.localService) ?? mine[0] ?? null;
}

/** Speak lines in order, interrupting whatever was being said. False: no voice for the language. */
export function speak(lines: string[], lang: string): boolean {
  const s = synth();
  if (!s) return false;
  const voice = voiceFor(lang);
  if (voice === null) return false;
  s.cancel();
  for (const line of lines.filter((l) => l.trim())) {
    const u = new SpeechSynthesisUtterance(line);
    u.lang = voice?.lang ?? lang;
    if (voice) u.voice = voice;
    u.rate = 0.9; // a little slower than default: many listeners are elderly
    s.speak(u);
  }
  return true;
}

export function stopSpeaking(): void {
  synth()?.cancel();
}

/** Speak the screen whenever it changes while read-aloud is on; stop when it is turned off. */
export function bindSpeech(store: KioskStore): () => void {
  const say = () => {
    const { speechLines, lang } = store.getState();
    store.getState().setSpeechNoVoice(!speak(speechLines, lang));
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (!s.speech) {
      if (prev.speech) stopSpeaking();
      return;
    }
    if (!prev.speech || s.speechLines !== prev.speechLines || s.lang !== prev.lang) say();
  });
  // Voices arrive asynchronously in Chromium; re-check once they do.
  const onVoices = () => store.getState().speech && say();
  synth()?.addEventListener('voiceschanged', onVoices);
  return () => {
    unsubscribe();
    synth()?.removeEventListener('voiceschanged', onVoices);
  };
}

export function repeatSpeech(store: KioskStore): void {
  const { speechLines, lang } = store.getState();
  store.getState().setSpeechNoVoice(!speak(speechLines, lang));
}
