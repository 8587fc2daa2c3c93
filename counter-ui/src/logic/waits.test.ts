import { describe, expect, it } from 'vitest';
import { formatClock, minutesSince, waitLevel } from './waits';

describe('waitLevel', () => {
  it('green under two thirds of the target, amber under it, red at or over it', () => {
    expect(waitLevel(0, 15)).toBe('ok');
    expect(waitLevel(9.9, 15)).toBe('ok');
    expect(waitLevel(10, 15)).toBe('warn');
    expect(waitLevel(14.9, 15)).toBe('warn');
    expect(waitLevel(15, 15)).toBe('late');
    expect(waitLevel(40, 15)).toBe('late');
  });
});

describe('time helpers', () => {
  it('measures waits in server time', () => {
    // The client clock runs 5 minutes behind the server's.
    expect(minutesSince(1_000_000, 1_000_000 - 300_000 + 120_000, 300_000)).toBe(2);
    expect(minutesSince(2_000_000, 1_000_000, 0)).toBe(0);
  });
  it('formats a service timer', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(247_000)).toBe('4:07');
    expect(formatClock(3_729_000)).toBe('1:02:09');
  });
});
