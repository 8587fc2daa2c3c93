import type { StateCreator } from 'zustand';
import type { CatalogueSlice } from './catalogue';
import type { DeviceSlice } from './device';
import type { FlowSlice } from './flow';
import type { SettingsSlice } from './settings';
import type { StatusSlice } from './status';
import type { TicketSlice } from './ticket';

export type KioskState = DeviceSlice & CatalogueSlice & FlowSlice & TicketSlice & SettingsSlice & StatusSlice;

export type Slice<T> = StateCreator<KioskState, [], [], T>;
