import { useTranslation } from 'react-i18next';
import { AccessIcon, CategoryIcon } from '../components/Icons';
import { ScreenLayout } from '../components/ScreenLayout';
import { ScrollArea } from '../components/ScrollArea';
import { useCatalogue, useNameIn } from '../hooks/useCatalogue';
import { useScreenSpeech } from '../hooks/useScreenSpeech';
import { useKiosk } from '../store';

/** Priority lane, step 1: who the ticket is for (the center's configured categories). */
export function PriorityScreen() {
  const { t } = useTranslation();
  const { priorityCategories } = useCatalogue();
  const name = useNameIn();
  const choose = useKiosk((s) => s.choosePriorityCategory);
  useScreenSpeech([t('priorityChoose'), t('priorityNote'), ...priorityCategories.map((c) => name(c.names))]);

  return (
    <ScreenLayout
      className="priority-screen"
      above={
        <span className="priority-symbol big">
          <AccessIcon />
        </span>
      }
      heading={t('priorityChoose')}
      hint={t('priorityNote')}
    >
      <ScrollArea contentKey={String(priorityCategories.length)}>
        <ul className="options categories" aria-label={t('priorityLane')}>
          {priorityCategories.map((c) => (
            <li key={c.id}>
              <button type="button" className="option category" onClick={() => choose(c.id)}>
                <span className="category-icon">
                  <CategoryIcon name={c.icon} />
                </span>
                <span className="option-name">{name(c.names)}</span>
              </button>
            </li>
          ))}
        </ul>
      </ScrollArea>
    </ScreenLayout>
  );
}
