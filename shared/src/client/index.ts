export * from './hall.js';
export * from './sync.js';
export * from './ticket.js';
export * from './api.js';
export * from './dates.js';
export * from './missingKeys.js';
export * from './search.js';
