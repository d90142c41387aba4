import { z } from 'zod';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `0`, `250ms`, `5s`, `5m`, `2h`, `5d` → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new Error(`'${text}' is not a duration like 5s, 5m, 2h or 5d`);
  return Number(match[1]) * UNITS[match[2] ?? 'ms'];
}

/** A duration in config files: written `5m`, read as milliseconds. */
export const durationSchema = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)?$/, 'must be a duration like 250ms, 5s, 5m, 2h or 5d')
  .transform(parseDuration);
