import { describe, expect, it } from 'vitest';
import { OPERATOR_ACTIONS, type Enabled } from './actions';
import { SHORTCUTS, isTypingTarget, shortcutAction, type KeyLike } from './shortcuts';

const all = (v: boolean) => Object.fromEntries(OPERATOR_ACTIONS.map((a) => [a, v])) as Enabled;
const key = (code: string, extra: Partial<KeyLike> = {}): KeyLike => ({ code, ctrlKey: false, altKey: false, metaKey: false, repeat: false, target: { tagName: 'BODY' }, ...extra });

describe('shortcuts', () => {
  it('every action has a key, and only pause/resume share one', () => {
    const codes = OPERATOR_ACTIONS.filter((a) => a !== 'resume').map((a) => SHORTCUTS[a].code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(SHORTCUTS.pause.code).toBe(SHORTCUTS.resume.code);
  });
  it('maps physical keys to enabled actions', () => {
    expect(shortcutAction(key('KeyN'), all(true), false)).toBe('call-next');
    expect(shortcutAction(key('KeyX'), all(true), false)).toBe('no-show');
    expect(shortcutAction(key('KeyZ'), all(true), false)).toBeNull();
  });
  it('does nothing for a disabled action', () => {
    expect(shortcutAction(key('KeyN'), { ...all(true), 'call-next': false }, false)).toBeNull();
  });
  it('P pauses an open counter and resumes a paused one', () => {
    expect(shortcutAction(key('KeyP'), { ...all(false), pause: true }, false)).toBe('pause');
    expect(shortcutAction(key('KeyP'), { ...all(false), resume: true }, false)).toBe('resume');
  });
  it('never fires while typing, in a dialog, with modifiers or on auto-repeat', () => {
    expect(shortcutAction(key('KeyN', { target: { tagName: 'input' } }), all(true), false)).toBeNull();
    expect(shortcutAction(key('KeyN', { target: { tagName: 'DIV', isContentEditable: true } }), all(true), false)).toBeNull();
    expect(shortcutAction(key('KeyN'), all(true), true)).toBeNull();
    expect(shortcutAction(key('KeyN', { ctrlKey: true }), all(true), false)).toBeNull();
    expect(shortcutAction(key('KeyN', { repeat: true }), all(true), false)).toBeNull();
  });
  it('knows typing targets', () => {
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
