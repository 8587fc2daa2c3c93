import type { RatingTerminalState } from '@qms/shared';
import type { Scores } from '../rating-form';
import type { Slice } from './types';

/**
 * The rating terminal at a counter (/kiosk/rate/, issue 14): `idle` until its counter finishes a
 * visit, `ask` for the overall score, `more` for the optional criteria (sent by itself after a
 * while), then `thanks` and back to idle. rating-terminal.ts drives it; the screen only shows it.
 */
export type TerminalPhase = 'pair' | 'idle' | 'ask' | 'more' | 'sending' | 'thanks' | 'failed';

/** Why the pairing form shows: no token yet, the server no longer knows it, or it is another kind of device's. */
export type TerminalPairing = 'missing' | 'revoked' | 'notTerminal';

export interface TerminalFields {
  termToken: string | null;
  termPairing: TerminalPairing | null;
  termState: RatingTerminalState | null;
  termPhase: TerminalPhase;
  /** The server did not answer the last poll; the screen keeps what it had. */
  termOffline: boolean;
  /** The visit being rated, held from the first tap to the end even if the server stops offering it. */
  termVisitId: string | null;
  termScores: Scores;
  /** When `more` sends by itself (epoch ms); each tap puts it off. */
  termAutoSendAt: number | null;
  termProblem: 'tooLate' | 'sendFailed' | null;
}

export interface TerminalSlice extends TerminalFields {
  patchTerminal(p: Partial<TerminalFields>): void;
}

export const terminalSlice: Slice<TerminalSlice> = (set) => ({
  termToken: null,
  termPairing: 'missing',
  termState: null,
  termPhase: 'pair',
  termOffline: false,
  termVisitId: null,
  termScores: {},
  termAutoSendAt: null,
  termProblem: null,
  patchTerminal: (p) => set(p),
});
