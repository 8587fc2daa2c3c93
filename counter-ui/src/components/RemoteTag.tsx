/**
 * A ticket taken on a phone (issue 14, docs/SPEC.md V2–V5): whether its visitor is here. Not here
 * yet, it is passed over by call-next (V3); held, its place is kept until the grace runs out (V5);
 * here, it is called in its place like any other.
 */
import type { Ticket } from '@qms/shared';
import { formatTime } from '@qms/shared/client';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { useLanguage } from './hooks';
import './remote.css';

export function RemoteTag({ ticket }: { ticket: Pick<Ticket, 'remote' | 'status'> }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const timeZone = useStore((s) => s.hall?.center.timezone);
  const graceMin = useStore((s) => s.hall?.center.remote?.graceMin ?? 10);
  const remote = ticket.remote;
  if (!remote) return null;
  if (remote.arrivedAt !== null) {
    return (
      <span className="tag tag-remote-here" data-testid="remote-tag" data-state="here">
        {t('remote.tag.here')}
      </span>
    );
  }
  if (remote.heldAt !== null) {
    return (
      <span className="tag tag-remote-held" data-testid="remote-tag" data-state="held">
        {t('remote.tag.held', { time: formatTime(remote.heldAt + graceMin * 60_000, lang, timeZone) })}
      </span>
    );
  }
  return (
    <span className="tag tag-remote-away" data-testid="remote-tag" data-state="away">
      {t('remote.tag.away')}
    </span>
  );
}
