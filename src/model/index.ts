export * from './api.js';
export * from './live.js';
export * from './change.js';
export * from './plan.js';
export * from './outcome.js';
export * from './errors.js';
export * from './issue.js';
export * from './drift.js';
