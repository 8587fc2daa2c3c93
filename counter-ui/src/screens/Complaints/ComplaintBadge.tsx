/**
 * How many complaints wait for an answer, on the navigation's Complaints tab (supervisors and
 * admins). Asked when the app opens and every minute: complaints come from phones, not from the
 * hall's facts, so no broadcast brings them.
 */
import { useEffect } from 'react';
import { useStore } from '../../store';
import { useRatingText } from './ratingText';
import './badge.css';

const EVERY_MS = 60_000;

export function ComplaintBadge() {
  const t = useRatingText();
  const open = useStore((s) => s.openComplaints);
  const fetchOpen = useStore((s) => s.fetchOpenComplaints);
  const token = useStore((s) => s.token);
  useEffect(() => {
    void fetchOpen();
    const id = setInterval(() => void fetchOpen(), EVERY_MS);
    return () => clearInterval(id);
  }, [fetchOpen, token]);
  if (!open) return null;
  return (
    <span className="count-badge" data-testid="complaints-badge">
      <span aria-hidden="true">{open}</span>
      <span className="sr-only">{t('satisfaction.complaintsOpen', { n: open })}</span>
    </span>
  );
}
