/** The one store of the counter app, built from typed slices (STYLE 9). */
import { create } from 'zustand';
import { parseRoute } from '../router';
import { createAdminSlice, type AdminSlice } from './admin';
import { createBalanceSlice, type BalanceSlice } from './balance';
import { createBookingsSlice, type BookingsSlice } from './bookings';
import { createHallSlice, type HallSlice } from './hall';
import { createPlanningSlice, type PlanningSlice } from './planning';
import { createRatingsSlice, type RatingsSlice } from './ratings';
import { createReportsSlice, type ReportsSlice } from './reports';
import { createSessionSlice, type SessionSlice } from './session';
import { createStatsSlice, type StatsSlice } from './stats';
import { createUiSlice, type UiSlice } from './ui';

export type Store = SessionSlice & HallSlice & UiSlice & StatsSlice & AdminSlice & BalanceSlice & ReportsSlice & BookingsSlice & RatingsSlice & PlanningSlice;

export const useStore = create<Store>()((...a) => ({
  ...createSessionSlice(...a),
  ...createHallSlice(...a),
  ...createUiSlice({ route: parseRoute(window.location.pathname) })(...a),
  ...createStatsSlice(...a),
  ...createAdminSlice(...a),
  ...createBalanceSlice(...a),
  ...createReportsSlice(...a),
  ...createBookingsSlice(...a),
  ...createRatingsSlice(...a),
  ...createPlanningSlice(...a),
}));

export const store = useStore;
