// One error type for everything the implementation refuses, so callers (CLI, conformance adapter,
// tests) branch on a stable `code` instead of parsing messages. Messages name the field and what
// was expected; they never contain scalars, keys or plaintext (callers may log them freely).

export type ErrorCode =
  // encodings and group elements read from outside
  | 'INVALID_ENCODING'
  | 'NOT_ON_CURVE'
  | 'NOT_IN_SUBGROUP'
  | 'IDENTITY_ELEMENT'
  | 'INVALID_SCALAR'
  // PHR input
  | 'MALFORMED_PHR'
  | 'UNKNOWN_LABEL'
  | 'DUPLICATE_LABEL'
  | 'INVALID_CONFIG'
  // parties and protocol state
  | 'UNKNOWN_OWNER'
  | 'DUPLICATE_OWNER'
  | 'DUPLICATE_USER'
  | 'NOT_REGISTERED'
  | 'NOT_APPROVED'
  | 'ALREADY_APPROVED'
  | 'REVOKED'
  | 'OTHER_OWNER'
  | 'NOT_GRANTED'
  | 'BEFORE_JOIN'
  | 'NO_SUCH_PARTITION'
  | 'MISSING_KEY'
  | 'WRONG_VARIANT'
  | 'WRONG_STEP'
  | 'STALE_VERSION'
  | 'FILE_OWNED_BY_OTHER'
  // optional modules
  | 'OUTSIDE_WINDOW'
  | 'AUDIT_CORRUPT'
  // ciphertexts
  | 'AUTH_FAILED'
  | 'CLOUD_CORRUPT'
  | 'PARTITION_TOO_LARGE';

export class SesphrError extends Error {
  readonly code: ErrorCode;
  /** The input field or protocol object the error is about, e.g. "RP(f1,medical)". */
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'SesphrError';
    this.code = code;
    this.field = field;
  }
}

/** True when `e` is a SesphrError, optionally with the given code. */
export function isSesphrError(e: unknown, code?: ErrorCode): e is SesphrError {
  return e instanceof SesphrError && (code === undefined || e.code === code);
}
