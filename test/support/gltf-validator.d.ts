// Types for the parts of the Khronos glTF validator (npm `gltf-validator`, compiled from Dart, untyped) the tests use.
declare module 'gltf-validator' {
  export interface ValidationMessage {
    readonly code: string
    readonly message: string
    /** 0 error, 1 warning, 2 info, 3 hint. */
    readonly severity: number
    readonly pointer?: string
  }
  export interface ValidationReport {
    readonly issues: {
      readonly numErrors: number
      readonly numWarnings: number
      readonly numInfos: number
      readonly numHints: number
      readonly messages: readonly ValidationMessage[]
      readonly truncated: boolean
    }
    readonly info?: Readonly<Record<string, unknown>>
  }
  export function validateBytes(
    data: Uint8Array,
    options?: { readonly uri?: string; readonly maxIssues?: number; readonly format?: 'glb' | 'gltf' }
  ): Promise<ValidationReport>
}
