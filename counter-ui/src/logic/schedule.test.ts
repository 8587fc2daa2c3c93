import { describe, expect, it } from 'vitest';
import { closedDayProblem, copyMondayToWeekdays, hoursDraft, hoursHaveProblems, hoursOut, intervalProblems, isPast, normalTime, sortClosedDays } from './schedule';

describe('the hours editor', () => {
  it('a draft has every weekday; what is saved is each day in time order', () => {
    const draft = hoursDraft({ mon: [{ from: '14:00', to: '18:00' }, { from: '09:00', to: '13:00' }] });
    expect(draft.sun).toEqual([]);
    expect(hoursOut(draft).mon).toEqual([{ from: '09:00', to: '13:00' }, { from: '14:00', to: '18:00' }]);
  });

  it('says what is wrong with each interval: a missing time, from not before to, an overlap (on the later one)', () => {
    expect(intervalProblems([{ from: '', to: '12:00' }, { from: '13:00', to: '12:00' }, { from: '09:00', to: '13:00' }, { from: '12:30', to: '18:00' }])).toEqual([
      { kind: 'time' },
      { kind: 'order' },
      null,
      { kind: 'overlap', other: { from: '09:00', to: '13:00' } },
    ]);
    expect(intervalProblems([{ from: '13:00', to: '24:00' }, { from: '09:00', to: '13:00' }])).toEqual([null, null]);
    expect(hoursHaveProblems(hoursDraft({ fri: [{ from: '10:00', to: '09:00' }] }))).toBe(true);
  });

  it('reads a time as people type it, on the 24-hour clock', () => {
    expect(['9', '9:00', '900', '0900', '09.00', ' 24:00 '].map(normalTime)).toEqual(['09:00', '09:00', '09:00', '09:00', '09:00', '24:00']);
    expect(['25:00', '9:61', 'noon', ''].map(normalTime)).toEqual(['25:00', '9:61', 'noon', '']);
  });

  it('copies Monday to Tuesday–Friday, not to the weekend', () => {
    const out = copyMondayToWeekdays(hoursDraft({ mon: [{ from: '09:00', to: '18:00' }], sat: [{ from: '10:00', to: '14:00' }] }));
    expect(out.fri).toEqual([{ from: '09:00', to: '18:00' }]);
    expect(out.sat).toEqual([{ from: '10:00', to: '14:00' }]);
    out.tue[0]!.from = '08:00';
    expect(out.mon[0]!.from).toBe('09:00');
  });
});

describe('the closed days editor', () => {
  const list = [{ date: '2026-05-09' }, { date: '2025-01-01', yearly: true }, { date: '2026-03-02', reason: 'Training' }];

  it('refuses a date that does not exist and a day listed already', () => {
    expect(closedDayProblem(list, '', false)).toBe('date');
    expect(closedDayProblem(list, '2026-02-29', false)).toBe('date');
    expect(closedDayProblem(list, '2026-05-09', false)).toBe('twice');
    expect(closedDayProblem(list, '2027-01-01', true)).toBe('twice');
    expect(closedDayProblem(list, '2026-05-09', true)).toBeNull();
  });

  it('lists the yearly days first, then by date; a past one-off day is past, a yearly never', () => {
    expect(sortClosedDays(list).map((d) => d.date)).toEqual(['2025-01-01', '2026-03-02', '2026-05-09']);
    expect(isPast({ date: '2026-03-02' }, '2026-03-03')).toBe(true);
    expect(isPast({ date: '2026-03-03' }, '2026-03-03')).toBe(false);
    expect(isPast({ date: '2020-03-02', yearly: true }, '2026-03-03')).toBe(false);
  });
});
