import type { StateCreator } from 'zustand';
import type { AlertsSlice } from './alerts';
import type { AppointmentSlice } from './appointment';
import type { BookingSlice } from './booking';
import type { CatalogueSlice } from './catalogue';
import type { CheckInSlice } from './checkin';
import type { DeviceSlice } from './device';
import type { FlowSlice } from './flow';
import type { JoinSlice } from './join';
import type { SettingsSlice } from './settings';
import type { StatusSlice } from './status';
import type { TerminalSlice } from './terminal';
import type { TicketSlice } from './ticket';

export type KioskState = DeviceSlice & CatalogueSlice & FlowSlice & TicketSlice & SettingsSlice & StatusSlice & TerminalSlice & BookingSlice & AppointmentSlice & CheckInSlice & JoinSlice & AlertsSlice;

export type Slice<T> = StateCreator<KioskState, [], [], T>;
