/**
 * Keyboard shortcuts for the operator. Physical keys (`KeyboardEvent.code`), so that "N" is the
 * same key on a Russian or Vietnamese layout; never while typing or while a dialog is open.
 */
import type { Enabled, OperatorAction } from './actions';

export const SHORTCUTS: Record<OperatorAction, { code: string; label: string }> = {
  'call-next': { code: 'KeyN', label: 'N' },
  recall: { code: 'KeyR', label: 'R' },
  start: { code: 'KeyS', label: 'S' },
  complete: { code: 'KeyC', label: 'C' },
  'no-show': { code: 'KeyX', label: 'X' },
  transfer: { code: 'KeyT', label: 'T' },
  pause: { code: 'KeyP', label: 'P' },
  resume: { code: 'KeyP', label: 'P' },
  release: { code: 'KeyL', label: 'L' },
  logout: { code: 'KeyQ', label: 'Q' },
};

export interface KeyLike {
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  repeat: boolean;
  target: unknown;
}

/** An element where a key press types text (or picks an option) rather than commands. */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const el = target as { tagName?: unknown; isContentEditable?: unknown };
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable === true;
}

/** The action a key press asks for, if it is one and it is valid now; else null. */
export function shortcutAction(e: KeyLike, enabled: Enabled, dialogOpen: boolean): OperatorAction | null {
  if (dialogOpen || e.repeat || e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(e.target)) return null;
  // P toggles: whichever of pause/resume is valid (never both).
  for (const action of Object.keys(SHORTCUTS) as OperatorAction[]) {
    if (SHORTCUTS[action].code === e.code && enabled[action]) return action;
  }
  return null;
}
