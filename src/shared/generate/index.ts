// Public surface of the generators (idle life, emotion arcs). Renderer and CLI import from '@shared/generate'.
export * from './seeded-random'
export * from './generate-settings'
export * from './emotion-mixtures'
export * from './generate-series'
export * from './generate-into-document'
export { idleHeadBound, IDLE_DRIFT_DIRECTIONS } from './idle-life'
export { emotionEnvelope } from './emotion-arc'
