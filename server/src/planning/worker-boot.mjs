// The planning thread's entry (planner.ts). The server runs its TypeScript through tsx, and a
// worker thread starts without the parent's loader (under `tsx` and under vitest alike), so it
// registers tsx itself before loading the thread's body.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
