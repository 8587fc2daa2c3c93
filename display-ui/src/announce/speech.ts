/** The browser's speechSynthesis behind the runner's SpeechPort. */
import type { Language } from '@qms/shared';
import { VOICE_LANG } from './phrases.js';
import type { SpeakOutcome, SpeechPort } from './runner.js';

/** A voice for the language, or null when the browser has voices but none for it. */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], lang: Language): SpeechSynthesisVoice | null | undefined {
  if (voices.length === 0) return undefined; // voices load late in some browsers: let the engine choose by `lang`
  const tag = VOICE_LANG[lang].toLowerCase();
  const ofLang = voices.filter((v) => v.lang.toLowerCase().replace('_', '-').startsWith(lang));
  return ofLang.find((v) => v.lang.toLowerCase().replace('_', '-') === tag && v.localService) ?? ofLang.find((v) => v.localService) ?? ofLang[0] ?? null;
}

export function browserSpeech(synth: SpeechSynthesis | undefined = globalThis.speechSynthesis): SpeechPort {
  if (!synth) return { speak: (_t, _l, done) => done('no-voice'), cancel: () => {} };
  // Chrome drops an utterance that nothing references before it ends, and then never fires
  // `end`: hold the current one here.
  let current: SpeechSynthesisUtterance | null = null;
  return {
    speak(text, lang, done) {
      const voice = pickVoice(synth.getVoices(), lang);
      // Reading Uzbek with an English voice helps nobody: chime only.
      if (voice === null) return done('no-voice');
      const u = new SpeechSynthesisUtterance(text);
      u.lang = VOICE_LANG[lang];
      if (voice) u.voice = voice;
      u.rate = 0.9; // a hall echoes: a little slower is clearer
      const end = (outcome: SpeakOutcome) => {
        if (current === u) current = null;
        done(outcome);
      };
      u.onend = () => end('spoken');
      u.onerror = (e) => end(e.error === 'not-allowed' ? 'blocked' : 'error');
      current = u;
      synth.speak(u);
    },
    cancel() {
      current = null;
      synth.cancel();
    },
  };
}
