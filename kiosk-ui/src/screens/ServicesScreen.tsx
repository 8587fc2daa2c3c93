import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppointmentEntry } from '../components/AppointmentEntry';
import { CategoryIcon } from '../components/Icons';
import { Keyboard } from '../components/Keyboard';
import { PriorityEntry } from '../components/PriorityEntry';
import { ScreenLayout } from '../components/ScreenLayout';
import { ScrollArea } from '../components/ScrollArea';
import { SearchBox } from '../components/SearchBox';
import { ServiceList } from '../components/ServiceList';
import { TopicList } from '../components/TopicList';
import { needsTopics, search, topics as groupTopics } from '../catalogue';
import { CHECK_IN_WORDS, checkInKind } from '../checkin';
import { useCatalogue, useNamedServices, useNameIn, useTopicName } from '../hooks/useCatalogue';
import { useScreenSpeech } from '../hooks/useScreenSpeech';
import { useKiosk } from '../store';

/**
 * The catalogue. A few services: all of them as big buttons. Many: categories first, and a
 * search box with its own keyboard; results replace the categories as the visitor types.
 */
export function ServicesScreen() {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const items = useNamedServices();
  const name = useNameIn();
  const topicName = useTopicName();
  const lang = useKiosk((s) => s.lang);
  const lane = useKiosk((s) => s.lane);
  const categoryId = useKiosk((s) => s.priorityCategoryId);
  const topic = useKiosk((s) => s.topic);
  const query = useKiosk((s) => s.query);
  const setQuery = useKiosk((s) => s.setQuery);
  const [keyboard, setKeyboard] = useState(false);

  const grouped = needsTopics(catalogue.services);
  const allTopics = useMemo(() => groupTopics(items), [items]);
  const results = useMemo(() => search(items, query), [items, query]);
  const searching = grouped && query.trim() !== '';
  const inTopic = grouped && !searching && topic !== null ? allTopics.find((x) => x.id === topic) : undefined;
  const category = lane === 'priority' ? catalogue.priorityCategories.find((c) => c.id === categoryId) : undefined;

  const heading = inTopic ? topicName(inTopic.id, t('otherTopic')) : grouped && !searching ? t('chooseTopic') : t('chooseService');
  const shown = !grouped ? items : searching ? results : (inTopic?.items ?? []);
  const showTopics = grouped && !searching && !inTopic;
  const keyboardShown = grouped && !inTopic && keyboard;
  // The ways into the priority lane and to a booking's check-in: before any list, for walk-ins only.
  const entries = lane === 'normal' && !inTopic && !searching;
  const priorityEntry = entries && catalogue.priorityCategories.length > 0;
  const checkIn = checkInKind(catalogue.services);
  const appointmentEntry = entries && checkIn !== null;
  useScreenSpeech([
    category && t('priorityFor', { category: name(category.names) }),
    heading,
    !grouped && t('chooseServiceHint'),
    ...(showTopics ? allTopics.map((x) => topicName(x.id, t('otherTopic'))) : shown.map((x) => x.name)),
    appointmentEntry && checkIn && t(CHECK_IN_WORDS[checkIn].entry),
    priorityEntry && t('priorityLane'),
  ]);

  return (
    <ScreenLayout
      className={`services-screen${keyboardShown ? ' with-keyboard' : ''}`}
      above={
        category && (
          <p className="lane-badge">
            <CategoryIcon name={category.icon} />
            {t('priorityFor', { category: name(category.names) })}
          </p>
        )
      }
      heading={heading}
      hint={!grouped ? t('chooseServiceHint') : undefined}
    >
      <div className="catalogue">
        {(appointmentEntry || priorityEntry) && (
          <div className="entries">
            {appointmentEntry && checkIn && <AppointmentEntry kind={checkIn} />}
            {priorityEntry && <PriorityEntry />}
          </div>
        )}
        {grouped && !inTopic && <SearchBox onOpen={() => setKeyboard(true)} />}
        {searching && (
          <p className="search-count" role="status">
            {results.length > 0 ? t('searchFound', { count: results.length }) : t('searchNothing')}
          </p>
        )}
        <ScrollArea contentKey={`${lang}|${topic}|${query}|${showTopics}`}>
          {showTopics ? <TopicList topics={allTopics} label={heading} /> : <ServiceList items={shown} label={heading} />}
        </ScrollArea>
      </div>
      {keyboardShown && <Keyboard lang={lang} onKey={(ch) => setQuery(query + ch)} onDelete={() => setQuery(query.slice(0, -1))} onHide={() => setKeyboard(false)} />}
    </ScreenLayout>
  );
}
