// The errors of the public API: a path jsonpath2 rejects, and jsonpath2's one run-time error.

/** Thrown by `parseJsonPath` for every path jsonpath2 rejects. */
export class JsonPathSyntaxError extends Error {
  /** 0-based offset (in UTF-16 code units) into the path string where parsing failed. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'JsonPathSyntaxError';
    this.offset = offset;
  }
}

/** Thrown by `evaluateJsonPath` where jsonpath2 raises while matching (a zero slice step on an array). */
export class JsonPathEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathEvaluationError';
  }
}

/**
 * Thrown by `evaluateJsonPath` when the evaluation overruns its budget (README "Limits"): too many
 * steps, or matches nested too deep. jsonpath2 has no such limit; the message completes "the path …".
 */
export class JsonPathBudgetExceeded extends JsonPathEvaluationError {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathBudgetExceeded';
  }
}
