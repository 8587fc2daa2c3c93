import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Keypad } from '../components/Keypad';
import { useScreenSpeech } from '../hooks/useScreenSpeech';
import { pairKiosk, type PairResult } from '../pairing';
import { useKiosk } from '../store';

const CODE_LENGTH = 6;

const MESSAGE: Record<Exclude<PairResult, 'ok'>, 'pairFailed' | 'pairWrongKind' | 'pairNotKiosk' | 'pairOffline'> = {
  badCode: 'pairFailed',
  wrongKind: 'pairWrongKind',
  notKiosk: 'pairNotKiosk',
  offline: 'pairOffline',
};

/** For staff: shown when the kiosk has no token, or the server refused it. */
export function PairingScreen({ onPaired }: { onPaired: () => void }) {
  const { t } = useTranslation();
  const reason = useKiosk((s) => s.pairingReason);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Exclude<PairResult, 'ok'> | null>(null);
  const intro = reason === 'revoked' ? t('pairRevoked') : reason === 'notKiosk' ? t('pairNotKiosk') : t('pairBody');
  useScreenSpeech([t('pairTitle'), intro]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (code.length !== CODE_LENGTH || busy) return;
    setBusy(true);
    const result = await pairKiosk(useKiosk, code);
    setBusy(false);
    if (result === 'ok') return onPaired();
    setError(result);
    setCode('');
  };
  const type = (value: string) => {
    setError(null);
    setCode(value.replace(/\D/g, '').slice(0, CODE_LENGTH));
  };

  return (
    <main className="screen pairing-screen">
      <div className="screen-head">
        <h1>{t('pairTitle')}</h1>
        <p className="hint">{intro}</p>
      </div>
      <form className="screen-body pairing-form" onSubmit={(e) => void submit(e)}>
        <label className="code-field">
          <span>{t('pairCode')}</span>
          <input value={code} onChange={(e) => type(e.target.value)} inputMode="numeric" autoComplete="one-time-code" maxLength={CODE_LENGTH} pattern="\d{6}" aria-describedby="pair-message" />
        </label>
        <p id="pair-message" className={error ? 'pair-error' : 'pair-status'} role="status">
          {busy ? t('pairBusy') : error ? t(MESSAGE[error]) : ''}
        </p>
        <Keypad onDigit={(d) => type(code + d)} onDelete={() => type(code.slice(0, -1))} onSubmit={() => void submit()} canSubmit={code.length === CODE_LENGTH && !busy} />
      </form>
    </main>
  );
}
