export { decide, formatNumber } from './decide.js';
export { evolve, createEngineState, counterFromPlan } from './state.js';
export { pickNext, compareRank, compareFifo } from './rules.js';
export { computeEtas, etaOf, serviceLoads, meanServiceMin, meanServiceTimes, serviceSupply } from './eta.js';
export type { Command, Decision, EngineState } from './types.js';
export { reject } from './types.js';
