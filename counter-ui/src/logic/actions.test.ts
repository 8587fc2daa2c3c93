import { describe, expect, it } from 'vitest';
import { enabledActions, type OperatorContext } from './actions';

const base: OperatorContext = { counter: { status: 'open', currentTicketId: null }, ticket: undefined, waiting: 3, busy: false, connected: true };
const on = (ctx: Partial<OperatorContext>) =>
  Object.entries(enabledActions({ ...base, ...ctx }))
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();

describe('enabledActions', () => {
  it('an idle open counter calls, pauses or is released', () => {
    expect(on({})).toEqual(['call-next', 'logout', 'pause', 'release']);
  });
  it('an empty queue greys out call-next (E1)', () => {
    expect(on({ waiting: 0 })).toEqual(['logout', 'pause', 'release']);
  });
  it('a called ticket: recall, start, complete, no-show, transfer (R1, R2, T2)', () => {
    expect(on({ counter: { status: 'open', currentTicketId: 't' }, ticket: { status: 'called' } })).toEqual(['complete', 'logout', 'no-show', 'recall', 'start', 'transfer']);
  });
  it('a ticket being served: complete or transfer only', () => {
    expect(on({ counter: { status: 'open', currentTicketId: 't' }, ticket: { status: 'serving' } })).toEqual(['complete', 'logout', 'transfer']);
  });
  it('a paused counter resumes or is released (C1)', () => {
    expect(on({ counter: { status: 'paused', currentTicketId: null } })).toEqual(['logout', 'release', 'resume']);
  });
  it('a closed counter can only be left', () => {
    expect(on({ counter: { status: 'closed', currentTicketId: null } })).toEqual(['logout', 'release']);
  });
  it('nothing starts while a command is in flight or the connection is down', () => {
    expect(on({ busy: true })).toEqual([]);
    expect(on({ connected: false })).toEqual(['logout']);
  });
  it('a ticket id without the ticket (not yet in the hall state) enables nothing', () => {
    expect(on({ counter: { status: 'open', currentTicketId: 't' } })).toEqual(['logout']);
  });
});
