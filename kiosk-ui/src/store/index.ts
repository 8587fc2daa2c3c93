/** The kiosk's one store, built from slices (STYLE 9); read it through narrow selectors. */
import { create } from 'zustand';
import { alertsSlice } from './alerts';
import { appointmentSlice } from './appointment';
import { bookingSlice } from './booking';
import { catalogueSlice } from './catalogue';
import { checkInSlice } from './checkin';
import { deviceSlice } from './device';
import { flowSlice } from './flow';
import { joinSlice } from './join';
import { settingsSlice } from './settings';
import { statusSlice } from './status';
import { terminalSlice } from './terminal';
import { ticketSlice } from './ticket';
import type { KioskState } from './types';

export function createKioskStore() {
  return create<KioskState>()((...a) => ({
    ...deviceSlice(...a),
    ...catalogueSlice(...a),
    ...flowSlice(...a),
    ...ticketSlice(...a),
    ...settingsSlice(...a),
    ...statusSlice(...a),
    ...terminalSlice(...a),
    ...alertsSlice(...a),
    ...bookingSlice(...a),
    ...appointmentSlice(...a),
    ...checkInSlice(...a),
    ...joinSlice(...a),
  }));
}

export const useKiosk = createKioskStore();
export type KioskStore = typeof useKiosk;
export type { KioskState } from './types';
