export * from './schema'
export * from './reader'
export * from './convert'
