// Public surface of the project-file format. Main and renderer import from '@shared/project'.
export * from './project-format'
export * from './project-file'
export * from './project-errors'
export * from './project-schema'
export * from './migrate-project'
