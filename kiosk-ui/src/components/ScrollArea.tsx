import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronIcon } from './Icons';

/**
 * A list that scrolls by touch, saying so while more is hidden below: kiosk browsers often hide
 * scrollbars, and a cut-off row is easy to miss. `contentKey` changes when the list does.
 */
export function ScrollArea({ children, contentKey }: { children: ReactNode; contentKey: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setMore(el.scrollTop + el.clientHeight < el.scrollHeight - 8);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    el.addEventListener('scroll', check, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', check);
    };
  }, [contentKey]);
  return (
    <>
      <div ref={ref} className="scroll">
        {children}
      </div>
      {more && (
        <p className="scroll-hint" aria-hidden="true">
          <ChevronIcon />
          {t('scrollHint')}
        </p>
      )}
    </>
  );
}
