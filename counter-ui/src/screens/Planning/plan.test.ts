import { describe, expect, it } from 'vitest';
import type { AdviceStep, PlanFigures } from '@qms/shared';
import { advisedFileName, changeText, checkedChanges, needRows, shiftsText, summarise, whyText } from './plan';

const words = {
  train: (v: { counter: string; service: string }) => `Counter ${v.counter} learns ${v.service}`,
  shift: (v: { counter: string; from: string; to: string }) => `Counter ${v.counter} works ${v.to} instead of ${v.from}`,
};
const none = { mean: null, min: null, max: null };
const figures: PlanFigures = { withinTarget: none, meanWaitMin: none, priorityP95Min: none };
const step = (change: AdviceStep['change']): AdviceStep => ({ change, reason: 'r', why: { kind: 'shift', counterId: change.counterId, hours: 8 }, before: figures, after: figures });

describe('Planning: wording and arithmetic', () => {
  it('says a new skill and a moved shift as a supervisor reads them, with the center’s names', () => {
    const names: Record<string, string> = { property: 'Property rights registration' };
    const service = (id: string) => names[id] ?? id;
    const counter = (id: string) => ({ c12: '12' })[id] ?? id;
    expect(changeText({ kind: 'train', counterId: 'c12', serviceId: 'property' }, words, counter, service)).toBe('Counter 12 learns Property rights registration');
    const shift = { kind: 'shift' as const, counterId: '1', from: [{ from: 480, to: 720 }, { from: 780, to: 1020 }], to: [{ from: 660, to: 900 }, { from: 960, to: 1200 }] };
    expect(changeText(shift, words, counter, service)).toBe('Counter 1 works 11:00–15:00, 16:00–20:00 instead of 08:00–12:00, 13:00–17:00');
    expect(shiftsText([])).toBe('');
  });

  it('words why a change was looked at from the facts the server sends, with the center’s names', () => {
    const words = (key: string, v: Record<string, string>) => `${key}(${Object.entries(v).map(([k, x]) => `${k}=${x}`).join(',')})`;
    const service = (id: string) => ({ social: 'Social benefits' })[id] ?? id;
    const counter = (id: string) => ({ c19: '19' })[id] ?? id;
    const num = (n: number) => String(n).replace('.', ',');
    expect(whyText({ kind: 'train', serviceId: 'social', counterId: 'c19', targetMin: 15, late: { from: 17 * 60, to: 19 * 60 + 30 }, uncoveredHours: 1.5, chain: true }, words, counter, service, num)).toBe(
      'whyTrain(service=Social benefits,counter=19,target=15,from=17:00,to=19:30); whyUncovered(service=Social benefits,counter=19,target=15,hours=1,5); whyChain(service=Social benefits,counter=19,target=15)',
    );
    expect(whyText({ kind: 'train', serviceId: 'x', counterId: '2', targetMin: 10, late: null, uncoveredHours: 0, chain: false }, words, counter, service, num)).toBe('whyTrainAllDay(service=x,counter=2,target=10)');
    expect(whyText({ kind: 'shift', counterId: '2', hours: 7.5 }, words, counter, service, num)).toBe('whyShift(hours=7,5)');
  });

  it('reads a scenario file’s name, sizes and service names, and survives what is not one', () => {
    const s = summarise({ name: 'rural-office', services: [{ id: 'land', name: 'Land and housing' }, { id: 'agri' }, 7], counters: [{}, {}, {}] }, 'file.json');
    expect(s).toEqual({ name: 'rural-office', counters: 3, services: 2, serviceNames: { land: 'Land and housing', agri: 'agri' } });
    expect(summarise([1, 2], 'file.json')).toEqual({ name: 'file.json', counters: 0, services: 0, serviceNames: {} });
    expect(summarise(null, 'x.json').name).toBe('x.json');
  });

  it('need against plan per hour: short below zero, over above', () => {
    const rows = needRows({
      hours: [
        { from: 480, need: 3, planned: 2.5, services: [] },
        { from: 540, need: 2, planned: 4, services: [] },
      ],
      shortCounterHours: 0.5,
      overCounterHours: 2,
      check: { withinTarget: 0.9, meanWaitMin: 3, simulatedHours: 2 },
    });
    expect(rows.map((r) => r.balance)).toEqual([-0.5, 2]);
  });

  it('only ticked steps are tried, in the advice’s order; an unknown tick counts as ticked', () => {
    const steps = [step({ kind: 'train', counterId: '1', serviceId: 'a' }), step({ kind: 'train', counterId: '2', serviceId: 'b' }), step({ kind: 'train', counterId: '3', serviceId: 'c' })];
    expect(checkedChanges(steps, [true, false, true]).map((c) => c.counterId)).toEqual(['1', '3']);
    expect(checkedChanges(steps, []).length).toBe(3);
  });

  it('names the advised file after the day', () => {
    expect(advisedFileName('rural-office (advised)')).toBe('rural-office-advised.json');
    expect(advisedFileName('Центр / Mondays')).toBe('Центр-Mondays-advised.json');
    expect(advisedFileName('***')).toBe('day-advised.json');
  });
});
