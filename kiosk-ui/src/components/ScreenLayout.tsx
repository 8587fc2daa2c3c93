import type { ReactNode } from 'react';

/**
 * Heading on top, the things to touch anchored low: on a portrait kiosk the options sit in the
 * bottom half, within reach of a seated visitor (EN 301 549 / ADA reach ranges).
 */
export function ScreenLayout({ heading, hint, above, children, className }: { heading: ReactNode; hint?: ReactNode; above?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <main className={`screen ${className ?? ''}`}>
      <div className="screen-head">
        {above}
        <h1>{heading}</h1>
        {hint && <p className="hint">{hint}</p>}
      </div>
      <div className="screen-body">{children}</div>
    </main>
  );
}
