import axios from 'axios';

/** Why an attempt did not produce a usable answer; what retry and error translation decide on. */
export type Failure =
  | { kind: 'status'; status: number; headers: Record<string, string>; data: unknown }
  | { kind: 'timeout' }
  | { kind: 'connection'; code: string; neverSent: boolean; transient: boolean }
  | { kind: 'cancelled' }
  | { kind: 'other'; code: string };

// Errors from the network, not the upstream's logic: the call may well succeed a moment later.
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
// The request never reached the upstream, so even a POST can be sent again without risk.
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Classifies what axios threw. The axios error itself is not kept: its config holds the request's credentials. */
export function classifyError(err: unknown): Failure {
  if (axios.isCancel(err)) return { kind: 'cancelled' };
  if (!axios.isAxiosError(err)) return { kind: 'other', code: err instanceof Error ? err.name : 'UNKNOWN' };
  const code = err.code ?? 'UNKNOWN';
  // Axios reports its own timeout as ETIMEDOUT (clarifyTimeoutError), as does the OS for a connect timeout.
  if (code === 'ETIMEDOUT') return { kind: 'timeout' };
  if (TRANSIENT_CODES.has(code) || NEVER_SENT_CODES.has(code)) {
    return { kind: 'connection', code, neverSent: NEVER_SENT_CODES.has(code), transient: TRANSIENT_CODES.has(code) };
  }
  return { kind: 'other', code };
}
