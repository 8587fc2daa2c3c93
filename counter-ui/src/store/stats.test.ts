import { afterEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { Store } from './index';
import { createStatsSlice, type TodayStats } from './stats';

/** The stats slice alone, with the one session field and action it uses. */
function statsStore() {
  const sessionEnded = vi.fn();
  const store = create<Store>()((set, get, api) => ({ token: 't', sessionEnded, ...createStatsSlice(set, get, api) }) as unknown as Store);
  return { store, sessionEnded };
}

const reply = (status: number, body: unknown) => vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status })));
const STATS: TodayStats = { day: '2026-03-02', staff: { op1: { served: 3, noShows: 1, transfers: 0, avgServiceMin: 6.5, avgWaitMin: 4 } }, counters: {}, services: {} };

afterEach(() => vi.unstubAllGlobals());

describe('today figures', () => {
  it('keeps what GET /api/stats/today returns', async () => {
    const { store } = statsStore();
    reply(200, STATS);
    await store.getState().refreshStats();
    expect(store.getState().stats).toEqual(STATS);
  });
  it('shows none (not made-up ones) when the server has no such endpoint', async () => {
    const { store } = statsStore();
    reply(200, STATS);
    await store.getState().refreshStats();
    reply(404, { error: { code: 'NOT_FOUND', message: 'No endpoint GET /api/stats/today' } });
    await store.getState().refreshStats();
    expect(store.getState().stats).toBeNull();
  });
  it('keeps the last figures through a network blip, and ends a revoked session', async () => {
    const { store, sessionEnded } = statsStore();
    reply(200, STATS);
    await store.getState().refreshStats();
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))));
    await store.getState().refreshStats();
    expect(store.getState().stats).toEqual(STATS);
    reply(401, { error: { code: 'UNAUTHORIZED', message: 'Missing or expired token' } });
    await store.getState().refreshStats();
    expect(sessionEnded).toHaveBeenCalledOnce();
  });
});
