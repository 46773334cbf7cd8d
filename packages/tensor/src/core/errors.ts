/**
 * Typed errors of the tensor package. Each carries a `_tag` (so Effect code can
 * match on it) and names the op and the offending shape or value.
 */
export class ShapeError extends Error {
  readonly _tag = "ShapeError" as const;
  constructor(
    readonly op: string,
    readonly reason: string,
  ) {
    super(`${op}: ${reason}`);
    this.name = "ShapeError";
  }
}

export class ValueError extends Error {
  readonly _tag = "ValueError" as const;
  constructor(
    readonly op: string,
    readonly reason: string,
  ) {
    super(`${op}: ${reason}`);
    this.name = "ValueError";
  }
}

/** Raised while tracing for `compile` when code reads concrete values of traced tensors. */
export class CompileError extends Error {
  readonly _tag = "CompileError" as const;
  constructor(
    readonly op: string,
    readonly reason: string,
  ) {
    super(`compile: ${op}: ${reason}`);
    this.name = "CompileError";
  }
}

export class GradError extends Error {
  readonly _tag = "GradError" as const;
  constructor(readonly reason: string) {
    super(`grad: ${reason}`);
    this.name = "GradError";
  }
}
