/** What `verify` (verify.ts) finds for one example, and why an example cannot be sent. */

export type OutcomeStatus = 'ok' | 'skipped' | 'failed';

export type FailureCategory =
  | 'method'
  | 'path'
  | 'path-undocumented'
  | 'get-body'
  | 'query'
  | 'no-body-parameter'
  | 'body'
  | 'mock'
  | 'status'
  | 'shape'
  | 'validation'
  | 'error';

export interface ExampleOutcome {
  operation: string;
  /** Index into the operation's examples. */
  example: number;
  name?: string;
  /** `file:line` of the doc place the outcome is about. */
  place: string;
  status: OutcomeStatus;
  /** Skip reason, or failure category. */
  reason?: string;
  category?: FailureCategory;
  detail?: string;
  /** Rule ids `docs2ts check` reports on this example's blocks. */
  checkRules?: string[];
}

/** Why an example is skipped. */
export const SKIP = {
  noRequest: 'no request',
  noResponse: 'no response',
  noRequestLine: 'no request line',
  nonJsonRequest: 'non-JSON request body',
  nonJsonResponse: 'non-JSON response body',
  invalidJsonRequest: 'invalid JSON request body',
  invalidJsonResponse: 'invalid JSON response body',
  otherPath: 'a documented path no stub builds (an ellipsis segment)',
  opaqueUrl: 'an opaque URL (`opaqueUrl`): one an earlier response returned, which no stub builds',
} as const;
