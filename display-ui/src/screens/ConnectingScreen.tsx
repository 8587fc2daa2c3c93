import { useTranslation } from 'react-i18next';

/** Before the first snapshot: nothing to show yet but that we are trying. */
export function ConnectingScreen() {
  const { t } = useTranslation();
  return (
    <main className="center-screen" data-testid="connecting">
      <div className="spinner" aria-hidden="true" />
      <p role="status">{t('connecting')}</p>
    </main>
  );
}
