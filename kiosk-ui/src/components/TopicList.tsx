import { useTranslation } from 'react-i18next';
import { OTHER_TOPIC, topicLabel, type Topic } from '../catalogue';
import { useKiosk } from '../store';
import { ChevronIcon } from './Icons';

/**
 * Categories of a large catalogue. Categories are bare labels in the configuration, so each
 * button also names its first services in the visitor's language.
 */
export function TopicList({ topics, label }: { topics: Topic[]; label: string }) {
  const { t } = useTranslation();
  const openTopic = useKiosk((s) => s.openTopic);
  return (
    <ul className="options topics" aria-label={label}>
      {topics.map((topic) => (
        <li key={topic.id}>
          <button type="button" className="option topic" onClick={() => openTopic(topic.id)}>
            <span className="topic-text">
              <span className="option-name">{topic.id === OTHER_TOPIC ? t('otherTopic') : topicLabel(topic.id)}</span>
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
