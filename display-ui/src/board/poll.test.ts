import type { Board } from '@qms/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBoardPolling } from './poll.js';
import { createBoardStore } from './store.js';
import { parseBoardOptions } from './view.js';

const BOARD = { center: { id: 'c1' }, generatedAt: 1 } as unknown as Board;

function page() {
  const listeners = new Set<() => void>();
  return {
    hidden: false,
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
    show(hidden: boolean) {
      this.hidden = hidden;
      listeners.forEach((l) => l());
    },
  };
}

const answer = (status: number, headers: Record<string, string> = {}) => new Response(status === 200 ? JSON.stringify(BOARD) : '{}', { status, headers });

describe('live board polling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks every refresh period while shown, not at all while hidden, and at once when shown again', async () => {
    const doc = page();
    const fetch = vi.fn<typeof globalThis.fetch>(async () => answer(200));
    const store = createBoardStore(parseBoardOptions('?center=c1&refresh=10'));
    const stop = startBoardPolling(store, { fetch, document: doc as never, now: () => 42 });
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toBe('/api/board/c1');
    expect(store.getState()).toMatchObject({ board: BOARD, receivedAt: 42, problem: null });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetch).toHaveBeenCalledTimes(2);

    doc.show(true);
    await vi.advanceTimersByTimeAsync(60_000);
    // The request already planned went, found the page hidden, and planned nothing more.
    expect(fetch).toHaveBeenCalledTimes(2);
    doc.show(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(3);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('says why it failed, keeps what it had, and waits longer after a 429', async () => {
    const doc = page();
    const answers = [answer(200), answer(503), answer(429, { 'retry-after': '30' }), answer(200)];
    const fetch = vi.fn<typeof globalThis.fetch>(async () => answers.shift()!);
    const store = createBoardStore(parseBoardOptions('?refresh=5'));
    startBoardPolling(store, { fetch, document: doc as never, now: () => 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch.mock.calls[0]![0]).toBe('/api/board');
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.getState()).toMatchObject({ board: BOARD, problem: 'unreachable' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.getState().problem).toBe('rate-limited');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(fetch).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(store.getState().problem).toBeNull();
  });

  it('an unknown center is said so', async () => {
    const store = createBoardStore(parseBoardOptions('?center=nowhere'));
    startBoardPolling(store, { fetch: async () => answer(404), document: page() as never, now: () => 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().problem).toBe('unknown-center');
  });
});
