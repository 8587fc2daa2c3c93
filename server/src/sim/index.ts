/** The simulator (SIMULATION.md): scenario in, `qms-sim-result/1` out, through the real engine. */
export { parseScenario, ScenarioError, type Scenario } from './scenario.js';
export { POLICIES, findPolicy, type SimPolicy, type PolicyController, type PolicyView, type SetServices } from './policies.js';
export { simulateDay, type DayRun } from './day.js';
export { dayResult, meanResult, type SimResult } from './results.js';
export { simulate, loadScenario } from './simulate.js';
