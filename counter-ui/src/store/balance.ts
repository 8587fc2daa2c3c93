/**
 * The rebalancer as the supervisor steers it: its mode and the answers to its proposals (REST),
 * and today's audit log. Mode and open proposals themselves live in `hall.balance` (facts).
 */
import type { AppErrorBody, BalanceMode, BalanceProposal, Fact } from '@qms/shared';
import { api } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import type { Store } from './index';

/** One entry of GET /api/balance/log: a fact with who caused it. */
export type AuditEntry = Extract<Fact, { type: 'counter:services-changed' | 'balance:proposed' | 'balance:resolved' }> & { actor: string | null };

interface BalanceReply {
  mode: BalanceMode;
  proposals: BalanceProposal[];
}

export interface BalanceSlice {
  /** What is in flight: 'mode' or a proposal id. */
  balanceBusy: string | null;
  /** The last refused request, with the proposal it was about (if any). */
  balanceError: { proposalId: string | null; error: AppErrorBody } | null;
  /** Null until loaded (and for those who may not read it). */
  auditLog: AuditEntry[] | null;
  setBalanceMode(mode: BalanceMode): Promise<boolean>;
  answerProposal(id: string, accept: boolean): Promise<boolean>;
  refreshAuditLog(): Promise<void>;
  clearBalanceError(): void;
}

export const createBalanceSlice: StateCreator<Store, [], [], BalanceSlice> = (set, get) => {
  const refused = (proposalId: string | null, error: AppErrorBody) => {
    if (error.code === 'UNAUTHORIZED') get().sessionEnded();
    set({ balanceBusy: null, balanceError: { proposalId, error } });
    return false;
  };
  return {
    balanceBusy: null,
    balanceError: null,
    auditLog: null,

    async setBalanceMode(mode) {
      if (get().balanceBusy) return false;
      set({ balanceBusy: 'mode', balanceError: null });
      const res = await api<BalanceReply>('/api/balance/mode', { token: get().token, method: 'PUT', body: { mode } });
      if (!res.ok) return refused(null, res.error);
      // The snapshot that follows config:changed says the same; show it without waiting.
      const hall = get().hall;
      if (hall) get().setHall({ ...hall, balance: { ...hall.balance, mode: res.data.mode } });
      set({ balanceBusy: null });
      return true;
    },

    async answerProposal(id, accept) {
      if (get().balanceBusy) return false;
      set({ balanceBusy: id, balanceError: null });
      const res = await api<BalanceReply>(`/api/balance/proposals/${encodeURIComponent(id)}/${accept ? 'accept' : 'reject'}`, { token: get().token, method: 'POST' });
      if (!res.ok) return refused(id, res.error);
      // balance:resolved removes it too; only this one, so a newer proposal is never dropped.
      const hall = get().hall;
      if (hall) get().setHall({ ...hall, balance: { ...hall.balance, proposals: hall.balance.proposals.filter((p) => p.id !== id) } });
      set({ balanceBusy: null });
      void get().refreshAuditLog();
      return true;
    },

    async refreshAuditLog() {
      const token = get().token;
      if (!token) return;
      const res = await api<AuditEntry[]>('/api/balance/log', { token });
      if (res.ok) set({ auditLog: res.data });
      else if (res.error.code === 'UNAUTHORIZED') get().sessionEnded();
    },

    clearBalanceError: () => set({ balanceError: null }),
  };
};
