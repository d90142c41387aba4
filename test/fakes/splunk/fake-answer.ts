/** A JSON answer of the fake: status, body and extra headers. */
export interface FakeAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
