/**
 * Configuration lists for the supervisor (counter plans and canServe, for merging) and the
 * admin screens. Loaded on demand and again after every `config:changed` fact.
 */
import type { AppErrorBody, Counter, DeviceKind, PriorityCategory, Response, Service, StaffRole } from '@qms/shared';
import { api } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import type { Store } from './index';

export interface StaffRow {
  login: string;
  name: string;
  role: StaffRole;
  services: string[];
}

export interface DeviceRow {
  id: string;
  kind: DeviceKind;
  name: string;
  counters: string[];
  services: string[];
  paired: boolean;
}

export interface AdminLists {
  services: Service[];
  'priority-categories': PriorityCategory[];
  counters: Counter[];
  staff: StaffRow[];
  devices: DeviceRow[];
}
export type AdminKind = keyof AdminLists;

export interface Pairing {
  deviceId: string;
  code: string;
  /** Server clock, epoch ms. */
  expiresAt: number;
}

export interface AdminSlice {
  lists: { [K in AdminKind]?: AdminLists[K] };
  listErrors: { [K in AdminKind]?: AppErrorBody };
  pairing: Pairing | null;
  loadList(kind: AdminKind): Promise<void>;
  /** Reload whatever has been loaded (after a configuration change). */
  reloadLists(): void;
  saveItem(kind: AdminKind, id: string, body: object): Promise<Response<unknown>>;
  deleteItem(kind: AdminKind, id: string): Promise<Response<unknown>>;
  /** `counters`: a rating terminal's one counter (issue 14). */
  addDevice(body: { id: string; kind: DeviceKind; name: string; counters?: string[] }): Promise<Response<unknown>>;
  repairDevice(id: string): Promise<Response<unknown>>;
  clearPairing(): void;
}

export const createAdminSlice: StateCreator<Store, [], [], AdminSlice> = (set, get) => {
  const token = () => get().token;
  const afterWrite = async <T,>(res: Response<T>, kind: AdminKind): Promise<Response<T>> => {
    if (res.ok) await get().loadList(kind);
    return res;
  };
  return {
    lists: {},
    listErrors: {},
    pairing: null,

    async loadList(kind) {
      const res = await api<unknown[]>(`/api/admin/${kind}`, { token: token() });
      if (res.ok) set((s) => ({ lists: { ...s.lists, [kind]: res.data }, listErrors: { ...s.listErrors, [kind]: undefined } }));
      else set((s) => ({ listErrors: { ...s.listErrors, [kind]: res.error } }));
    },

    reloadLists() {
      for (const kind of Object.keys(get().lists) as AdminKind[]) void get().loadList(kind);
    },

    async saveItem(kind, id, body) {
      return afterWrite(await api(`/api/admin/${kind}/${encodeURIComponent(id)}`, { token: token(), method: 'PUT', body }), kind);
    },

    async deleteItem(kind, id) {
      return afterWrite(await api(`/api/admin/${kind}/${encodeURIComponent(id)}`, { token: token(), method: 'DELETE' }), kind);
    },

    async addDevice(body) {
      const res = await api<{ pairing: { code: string; expiresAt: number } }>('/api/admin/devices', { token: token(), body });
      if (res.ok) set({ pairing: { deviceId: body.id, ...res.data.pairing } });
      return afterWrite(res, 'devices');
    },

    async repairDevice(id) {
      const res = await api<{ code: string; expiresAt: number }>(`/api/admin/devices/${encodeURIComponent(id)}/pairing`, { token: token(), body: {} });
      if (res.ok) set({ pairing: { deviceId: id, ...res.data } });
      return afterWrite(res, 'devices');
    },

    clearPairing: () => set({ pairing: null }),
  };
};
