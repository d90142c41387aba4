export type SdkGenErrorCode = 'SDKGEN_SPEC_INVALID' | 'SDKGEN_SPEC_UNREADABLE' | 'SDKGEN_LANGUAGE_UNKNOWN' | 'SDKGEN_NAME_INVALID';

/** What `sdk-gen` throws: a stable `code` to grep for and a message saying what to fix. */
export class SdkGenError extends Error {
  constructor(readonly code: SdkGenErrorCode, message: string) {
    super(message);
    this.name = 'SdkGenError';
  }
}
