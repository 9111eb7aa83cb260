// Public surface of the performance (driving) model. Main, renderer and CLI import from '@shared/performance'.
// `reduceSamples`, the key reduction it uses, lives in the timeline module (`timeline/reduce-keys.ts`).
export * from './performance'
export * from './one-euro-filter'
export * from './reduce-performance'
export * from './apply-performance'
export * from './performance-file'
