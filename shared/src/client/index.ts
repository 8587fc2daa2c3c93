export * from './hall.js';
export * from './sync.js';
export * from './api.js';
export * from './dates.js';
