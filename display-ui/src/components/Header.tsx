import { centerNameIn, type Language } from '@qms/shared';
import type { ReactNode } from 'react';
import { useDisplay } from '../store/index.js';
import { Clock } from './Clock.js';

export function Header({ lang, status }: { lang: Language; status: ReactNode }) {
  // In the display's language where the center has a name in it.
  const name = useDisplay((s) => (s.hall ? centerNameIn(s.hall.center, lang) : ''));
  return (
    <header className="header">
      <h1 className="center-name">{name}</h1>
      <div className="header-status">{status}</div>
      <Clock lang={lang} />
    </header>
  );
}
