import { useTranslation } from 'react-i18next';
import { useDisplay } from '../store/index.js';

/**
 * Asked once on a new screen: browsers keep pages silent until someone presses something. Not
 * modal and low on the screen: the now-calling area above it keeps working while it is open.
 */
export function EnableSoundDialog({ onEnable, onMute }: { onEnable: () => void; onMute: () => void }) {
  const { t } = useTranslation();
  const sound = useDisplay((s) => s.sound);
  if (sound !== 'locked') return null;
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-labelledby="sound-title" aria-describedby="sound-text" data-testid="enable-sound-dialog">
        <SpeakerIcon muted={false} className="dialog-icon" />
        <h2 id="sound-title">{t('enableSoundTitle')}</h2>
        <p id="sound-text">{t('enableSoundText')}</p>
        {/* Focused, so that the OK key of a TV remote presses it. */}
        <button type="button" className="button-primary" onClick={onEnable} autoFocus data-testid="enable-sound">
          {t('enableSound')}
        </button>
        <button type="button" className="button-link" onClick={onMute}>
          {t('continueSilent')}
        </button>
      </div>
    </div>
  );
}

/** Sound off by choice: discreet, the calls on screen matter more. Pressing it asks for sound again. */
export function SoundIndicator({ onEnable }: { onEnable: () => void }) {
  const { t } = useTranslation();
  const sound = useDisplay((s) => s.sound);
  if (sound !== 'muted') return null;
  return (
    <button type="button" className="pill pill-muted" onClick={onEnable} data-testid="sound-indicator" data-sound={sound}>
      <SpeakerIcon muted className="pill-icon" />
      {t('soundOff')}
    </button>
  );
}

/**
 * Sound blocked (nobody answered the question, or the browser refused): a TV left alone must not
 * go silent unnoticed, so a banner stays across the bottom of the screen until sound plays. Any
 * touch or remote key enables sound (soundControl); the banner itself is a button too.
 */
export function SoundBlockedBanner({ onEnable }: { onEnable: () => void }) {
  const { t } = useTranslation();
  const sound = useDisplay((s) => s.sound);
  if (sound !== 'blocked') return null;
  return (
    <div className="sound-banner" role="status" data-testid="sound-blocked-banner">
      <button type="button" className="sound-banner-button" onClick={onEnable}>
        <SpeakerIcon muted className="sound-banner-icon" />
        <span className="sound-banner-text">
          <strong>{t('soundBlockedTitle')}</strong> {t('soundBlockedText')}
        </span>
      </button>
    </div>
  );
}

function SpeakerIcon({ muted, className }: { muted: boolean; className: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor" />
      {muted ? (
        <path d="M16 9l5 6M21 9l-5 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      ) : (
        <path d="M15.5 8.5a5 5 0 010 7M18 6a8.5 8.5 0 010 12" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      )}
    </svg>
  );
}
