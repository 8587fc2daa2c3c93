/** Joining from a phone in Settings → Opening hours (issue 14): the center's rules, then the posters that follow them. */
import { useState } from 'react';
import { CenterRemote } from './CenterRemote';
import { Posters } from './Posters';

export function RemoteAdmin() {
  // A saved hall code changes the arrival poster: it is fetched again.
  const [version, setVersion] = useState(0);
  return (
    <>
      <CenterRemote onSaved={() => setVersion((v) => v + 1)} />
      <Posters version={version} />
    </>
  );
}
