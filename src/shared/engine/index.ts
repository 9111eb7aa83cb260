export * from './pack-manifest'
export * from './camera'
export * from './expression-directions'
export * from './frame-on-head'
