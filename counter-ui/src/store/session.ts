/** Who is logged in and which counter their session holds; the token survives reloads. */
import type { AppErrorBody, StaffRole } from '@qms/shared';
import { api } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import type { Store } from './index';

export const TOKEN_KEY = 'qms.counter.token';
const RETRY_MS = 3000;

export interface Staff {
  login: string;
  name: string;
  role: StaffRole;
  centerId: string;
  /** The services the person is trained for; empty: every service. */
  services: string[];
}

/** restoring: asking the server who the stored token is; offline: it did not answer, retrying. */
export type SessionStatus = 'restoring' | 'offline' | 'anonymous' | 'ready';

export interface SessionSlice {
  token: string | null;
  staff: Staff | null;
  counterId: string | null;
  sessionStatus: SessionStatus;
  restore(): Promise<void>;
  login(login: string, password: string): Promise<AppErrorBody | null>;
  logout(): Promise<void>;
  /** The server no longer knows the token (expired, revoked, password changed). */
  sessionEnded(): void;
  setCounter(counterId: string | null): void;
}

interface Me {
  kind: 'staff' | 'device';
  centerId: string;
  login: string;
  name: string;
  role: StaffRole;
  services: string[];
  counterId: string | null;
}

export const createSessionSlice: StateCreator<Store, [], [], SessionSlice> = (set, get) => ({
  token: null,
  staff: null,
  counterId: null,
  sessionStatus: 'restoring',

  async restore() {
    const token = localStorage.getItem(TOKEN_KEY);
    if (!token) return set({ sessionStatus: 'anonymous' });
    const res = await api<Me | null>('/api/auth/me', { token });
    if (res.ok && res.data?.kind === 'staff') {
      const { login, name, role, centerId, services, counterId } = res.data;
      return set({ token, staff: { login, name, role, centerId, services }, counterId, sessionStatus: 'ready' });
    }
    if (!res.ok && (res.error.code === 'UNAVAILABLE' || res.error.code === 'INTERNAL' || res.error.code === 'RATE_LIMITED')) {
      // The server is restarting or the network is down: keep the token and try again.
      set({ sessionStatus: 'offline' });
      setTimeout(() => void get().restore(), RETRY_MS);
      return;
    }
    get().sessionEnded();
  },

  async login(login, password) {
    const res = await api<{ token: string; staff: Staff; counterId: string | null }>('/api/auth/login', { body: { login, password } });
    if (!res.ok) return res.error;
    localStorage.setItem(TOKEN_KEY, res.data.token);
    set({ token: res.data.token, staff: res.data.staff, counterId: res.data.counterId, sessionStatus: 'ready', notice: null, error: null });
    return null;
  },

  async logout() {
    const token = get().token;
    // Forget the token first: a reload while the request is in flight must not restore the session.
    localStorage.removeItem(TOKEN_KEY);
    set({ token: null, staff: null, counterId: null, sessionStatus: 'anonymous', hall: null, stats: null, dialog: null, error: null, lists: {} });
    // The server closes an idle held counter; a ticket in hand stays for whoever logs in next.
    if (token) await api('/api/auth/logout', { token, body: {} });
  },

  sessionEnded() {
    localStorage.removeItem(TOKEN_KEY);
    const had = get().token !== null || get().sessionStatus === 'restoring';
    set({ token: null, staff: null, counterId: null, sessionStatus: 'anonymous', hall: null, stats: null, dialog: null, lists: {}, notice: had ? { kind: 'sessionEnded' } : null });
  },

  setCounter(counterId) {
    set({ counterId });
  },
});
