import { useTranslation } from 'react-i18next';
import type { Topic } from '../catalogue';
import { useTopicName } from '../hooks/useCatalogue';
import { useKiosk } from '../store';
import { ChevronIcon } from './Icons';

/**
 * Categories of a large catalogue. Categories are bare labels in the configuration, so each
 * button also names its first services in the visitor's language.
 */
export function TopicList({ topics, label }: { topics: Topic[]; label: string }) {
  const { t } = useTranslation();
  const openTopic = useKiosk((s) => s.openTopic);
  const topicName = useTopicName();
  return (
    <ul className="options topics" aria-label={label}>
      {topics.map((topic) => (
        <li key={topic.id}>
          <button type="button" className="option topic" onClick={() => openTopic(topic.id)}>
            <span className="topic-text">
              <span className="option-name">{topicName(topic.id, t('otherTopic'))}</span>
              <span className="option-meta">
                {topic.items.slice(0, 3).map((i) => i.name).join('; ')}
                {topic.items.length > 3 ? '…' : ''}
              </span>
            </span>
            <span className="topic-count">
              <span aria-hidden="true">{topic.items.length}</span>
              <span className="sr-only">{t('topicCount', { count: topic.items.length })}</span>
            </span>
            <ChevronIcon />
          </button>
        </li>
      ))}
    </ul>
  );
}
