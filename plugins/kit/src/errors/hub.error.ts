/** Who is at fault when an operation fails: the user's input or config, the upstream system, or ihub itself. */
export type Fault = 'user' | 'upstream' | 'hub';

export interface HubErrorOptions {
  /** Structured details safe to show to a user (never secrets). */
  data?: Record<string, unknown>;
  /** True when repeating the same operation later may succeed. Retry policies key on this alone. */
  retryable?: boolean;
  fault?: Fault;
  cause?: unknown;
}

/**
 * Base of every error ihub raises on purpose. `code` is stable (greppable, documented, safe for
 * clients to switch on); `message` is for humans and may change.
 */
export class HubError extends Error {
  readonly code: string;
  readonly data: Record<string, unknown>;
  readonly retryable: boolean;
  readonly fault: Fault;

  constructor(code: string, message: string, options: HubErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.data = options.data ?? {};
    this.retryable = options.retryable ?? false;
    this.fault = options.fault ?? 'hub';
  }

  toJSON(): { code: string; message: string; retryable: boolean; data: Record<string, unknown> } {
    return { code: this.code, message: this.message, retryable: this.retryable, data: this.data };
  }

  /** Wraps anything thrown into a HubError, keeping HubErrors as they are. */
  static from(err: unknown, code = 'IHUB_INTERNAL'): HubError {
    if (err instanceof HubError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new HubError(code, message, { cause: err, fault: 'hub' });
  }
}
