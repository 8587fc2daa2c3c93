/** A webhook's new secret, shown this once (after adding it or making a new one), with a copy button. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWebhookText } from './webhookText';

export function SecretPanel({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const t = useWebhookText();
  const { t: tc } = useTranslation();
  const [copied, setCopied] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);
  // Shown after a save further down the page: brought into view, its copy button ready for Enter.
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'start' });
    copyButton.current?.focus({ preventScroll: true });
  }, [secret]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // No clipboard (plain http on another machine): the text is selected for Ctrl+C instead.
      const el = document.getElementById('webhook-secret');
      if (el) window.getSelection()?.selectAllChildren(el);
    }
  };
  return (
    <section ref={panel} className="pairing webhook-secret" aria-live="polite" data-testid="webhook-secret">
      <div className="webhook-secret-main">
        <div className="pairing-label">{t('secretTitle', { url })}</div>
        <code className="mono webhook-secret-value" id="webhook-secret" data-testid="webhook-secret-value">
          {secret}
        </code>
        <p className="muted">{t('secretOnce')}</p>
      </div>
      <div className="row-actions">
        <button ref={copyButton} type="button" className="btn btn-primary" onClick={() => void copy()} data-testid="webhook-secret-copy">
          {copied ? t('copied') : t('copy')}
        </button>
        <button type="button" className="btn" onClick={onDone} data-testid="webhook-secret-done">
          {tc('admin.pairingDone')}
        </button>
      </div>
    </section>
  );
}
