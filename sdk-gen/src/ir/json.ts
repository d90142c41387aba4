/** A JSON object of the OpenAPI document, read without trusting its shape. */
export type Json = Record<string, unknown>;

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
