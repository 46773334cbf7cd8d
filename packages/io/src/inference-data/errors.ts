/** Context and reason used to build an {@link InferenceDataError}. */
export interface InferenceDataErrorInit {
  /** InferenceData group (e.g. `"posterior"`), when the failure is tied to one. */
  group?: string;
  /** Variable or coordinate name, when the failure is tied to one. */
  variable?: string;
  /** Human-readable explanation, without the group/variable prefix. */
  reason: string;
  /** Underlying error, if any. */
  cause?: unknown;
}

/**
 * Error thrown for invalid InferenceData input (before anything is written)
 * and for files that cannot be read as InferenceData.
 *
 * `message` has the form `InferenceData group "<group>", variable "<variable>": <reason>`,
 * with the group and variable parts present only when known.
 */
export class InferenceDataError extends Error {
  /** Discriminant for tagged-union style error handling. */
  readonly _tag = "InferenceDataError" as const;
  /** Group name, when known. */
  readonly group: string | undefined;
  /** Variable or coordinate name, when known. */
  readonly variable: string | undefined;
  /** Explanation without the location prefix. */
  readonly reason: string;

  constructor(init: InferenceDataErrorInit) {
    super(
      formatInferenceDataErrorMessage(init),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = "InferenceDataError";
    this.group = init.group;
    this.variable = init.variable;
    this.reason = init.reason;
  }
}

/** Builds the message of an {@link InferenceDataError} from its location and reason. */
export function formatInferenceDataErrorMessage(init: InferenceDataErrorInit): string {
  let where = "InferenceData";
  if (init.group !== undefined) where += ` group "${init.group}"`;
  if (init.variable !== undefined) where += `, variable "${init.variable}"`;
  return `${where}: ${init.reason}`;
}

/** True when `value` is an {@link InferenceDataError} (also across realms, via `_tag`). */
export function isInferenceDataError(value: unknown): value is InferenceDataError {
  return (
    value instanceof InferenceDataError ||
    (typeof value === "object" &&
      value !== null &&
      (value as { _tag?: unknown })._tag === "InferenceDataError")
  );
}
