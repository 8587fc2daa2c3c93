import { useTranslation } from 'react-i18next';
import { useKiosk } from '../store';

/** Whether the phone will ring when its visitor is called, and the button that changes it. */
export function SoundAlerts({ onOn, onOff }: { onOn: () => void; onOff: () => void }) {
  const { t } = useTranslation();
  const sound = useKiosk((s) => s.soundAlerts);
  const on = sound === 'on';
  return (
    <section className={`phone-sound ${sound}`} aria-label={t('soundTitle')}>
      <p role="status">{t(on ? 'soundOn' : sound === 'needsTap' ? 'soundNeedsTap' : 'soundOff')}</p>
      <button type="button" className={on ? 'phone-quiet' : 'phone-primary'} onClick={on ? onOff : onOn}>
        {t(on ? 'soundTurnOff' : 'soundTurnOn')}
      </button>
    </section>
  );
}
