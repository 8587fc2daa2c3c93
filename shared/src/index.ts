export * from './codes.js';
export * from './config.js';
export * from './domain.js';
export * from './events.js';
export * from './snapshot.js';
export * from './api.js';
export * from './time.js';
export * from './stats.js';
