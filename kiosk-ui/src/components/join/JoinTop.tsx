import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../store';
import { BackIcon } from '../Icons';

/** The step's heading gets the focus when the step changes (JoinPage), so a screen reader reads it. */
export const JOIN_TITLE_ID = 'join-step-title';

/** Top of a join step: back (to the services), the heading, and what goes under it. */
export function JoinTop({ title, back = false, children }: { title: string; back?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const joinBack = useKiosk((s) => s.joinBack);
  return (
    <div className="book-top">
      {back && (
        <button type="button" className="book-back" onClick={joinBack}>
          <BackIcon />
          {t('back')}
        </button>
      )}
      <h1 id={JOIN_TITLE_ID} className="book-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
