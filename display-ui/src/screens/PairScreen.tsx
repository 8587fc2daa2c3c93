import { ErrorCode, type Response } from '@qms/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** A new or revoked display: an admin creates a 6-digit code, someone types it here once. */
export function PairScreen({ onPair, revoked }: { onPair: (code: string) => Promise<Response<unknown>>; revoked: boolean }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code)) return setError(t('pairFormat'));
    setBusy(true);
    const res = await onPair(code);
    setBusy(false);
    // CONFLICT: a kiosk's code, refused without being used up (it stays valid for the kiosk).
    if (!res.ok) setError(res.error.code === ErrorCode.Unavailable ? t('pairNetwork') : res.error.code === ErrorCode.Conflict ? t('pairWrongKind') : t('pairBadCode'));
  };

  return (
    <main className="center-screen pair" data-testid="pair-screen">
      <h1>{t('pairTitle')}</h1>
      {revoked && <p className="pair-revoked">{t('pairRevoked')}</p>}
      <p>{t('pairText')}</p>
      <form onSubmit={(e) => void submit(e)} className="pair-form" noValidate>
        <label htmlFor="pair-code">{t('pairCode')}</label>
        <input
          id="pair-code"
          className="pair-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => {
            setCode(e.target.value.replace(/\D/g, '').slice(0, 6));
            setError(null);
          }}
          aria-invalid={error !== null}
          aria-describedby={error ? 'pair-error' : undefined}
          autoFocus
        />
        <button type="submit" className="button-primary" disabled={busy}>
          {t('pair')}
        </button>
        <p id="pair-error" className="pair-error" role="alert">
          {error}
        </p>
      </form>
    </main>
  );
}
