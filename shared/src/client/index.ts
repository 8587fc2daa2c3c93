export * from './hall.js';
export * from './sync.js';
