import type { ReactNode } from 'react';
import { useCenterName } from '../hooks/useCatalogue';
import { Clock } from './Clock';
import { OfflineBanner } from './OfflineBanner';
import { Toolbar } from './Toolbar';

/**
 * The kiosk's chrome: center name and clock on top (on a portrait screen, a band that takes the
 * space the screen does not need, so that what visitors touch stays low), the toolbar at the bottom.
 */
export function Frame({ children, navigation }: { children: ReactNode; navigation: boolean }) {
  const centerName = useCenterName();
  return (
    <div className="kiosk no-print">
      <header className="topbar">
        <p className="center-name">{centerName}</p>
        <Clock />
      </header>
      <OfflineBanner />
      {children}
      <Toolbar navigation={navigation} />
    </div>
  );
}
