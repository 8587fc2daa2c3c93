import { useTranslation } from 'react-i18next';
import { speechSupported, repeatSpeech } from '../speech';
import { useKiosk } from '../store';
import { BackIcon, HomeIcon, SpeakerIcon, TextSizeIcon } from './Icons';

/** The bottom row, within reach from a wheelchair: navigation left, accessibility right. */
export function Toolbar({ navigation }: { navigation: boolean }) {
  const { t } = useTranslation();
  const largeText = useKiosk((s) => s.largeText);
  const speech = useKiosk((s) => s.speech);
  const noVoice = useKiosk((s) => s.speechNoVoice);
  const { back, startOver, toggleLargeText, toggleSpeech } = useKiosk.getState();
  return (
    <nav className="toolbar no-print" aria-label={t('appTitle')}>
      {navigation && (
        <>
          <button type="button" className="tool" onClick={back}>
            <BackIcon />
            <span>{t('back')}</span>
          </button>
          <button type="button" className="tool" onClick={startOver}>
            <HomeIcon />
            <span>{t('startOver')}</span>
          </button>
        </>
      )}
      <span className="toolbar-gap" />
      {speech && noVoice && (
        <p className="tool-note" role="status">
          {t('noVoice')}
        </p>
      )}
      <button type="button" className="tool" aria-pressed={largeText} onClick={toggleLargeText}>
        <TextSizeIcon />
        <span>{t('largeText')}</span>
      </button>
      {speechSupported() && (
        <>
          <button type="button" className="tool" aria-pressed={speech} onClick={toggleSpeech}>
            <SpeakerIcon />
            <span>{t('readAloud')}</span>
          </button>
          {speech && !noVoice && (
            <button type="button" className="tool" onClick={() => repeatSpeech(useKiosk)}>
              <span>{t('repeat')}</span>
            </button>
          )}
        </>
      )}
    </nav>
  );
}
