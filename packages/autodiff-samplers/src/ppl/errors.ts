/**
 * Typed errors of the probabilistic-programming layer. Each carries a `_tag` naming the
 * class and a `problem` naming what went wrong, plus the offending site where there is one.
 */
import { Data } from "effect";

/** What a {@link ModelError} is about. */
export type ModelProblem =
  /** Two sites of one model run share a name. */
  | "duplicate-site"
  /** A site's batch shape (or observed value) does not fit an enclosing plate. */
  | "plate-shape"
  /** A random draw was needed outside `seed` (no PRNG key). */
  | "missing-key"
  /** A bad argument to a primitive, handler or runner (size, dim, scale, option). */
  | "bad-argument"
  /** A model feature the inference algorithm does not support (e.g. latent discrete sites). */
  | "unsupported"
  /** A model reference (`{ module, export }`) that cannot be loaded. */
  | "model-reference";

/**
 * An error in a model or in how it is run: duplicate site names, plate shape mismatches,
 * missing PRNG keys, bad arguments. `site` names the site concerned (empty when none).
 */
export class ModelError extends Error {
  readonly _tag = "ModelError" as const;
  override readonly name = "ModelError";
  constructor(
    readonly problem: ModelProblem,
    readonly site: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * No valid starting point was found: after `attempts` draws of the init strategy the
 * potential energy or its gradient was still non-finite. `sites` lists the sites whose log
 * density (or log-Jacobian, or gradient block) was non-finite at the last attempt.
 */
export class InitializationError extends Error {
  readonly _tag = "InitializationError" as const;
  override readonly name = "InitializationError";
  constructor(
    readonly sites: readonly string[],
    readonly attempts: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where a chain was when it failed (`"init"`: before the first NUTS iteration). */
export type ChainPhase = "init" | "warmup" | "sampling";

/** What a {@link SamplerError} is about. */
export type SamplerProblem =
  /** The worker thread running the chain died (exit, uncaught error, out of memory). */
  | "worker-crash"
  /** The chain itself threw (non-finite start, failed step-size search, a bug, …). */
  | "chain-error";

/**
 * A chain failed while sampling. `chain` is the chain index, `phase`/`iteration` the last
 * progress seen before the failure (`iteration` counts within the phase; with worker threads
 * it is the last progress message received, reported at most every 100 ms), `attempts` how
 * many times the chain was started, `cause` the underlying error (or the worker exit code).
 * `"worker-crash"` failures are retried by `mcmcEffect` (option `maxChainRetries`);
 * `"chain-error"` failures are deterministic and are not.
 */
export class SamplerError extends Data.TaggedError("SamplerError")<{
  readonly problem: SamplerProblem;
  readonly chain: number;
  readonly phase: ChainPhase;
  readonly iteration: number;
  readonly attempts: number;
  readonly cause: unknown;
}> {
  override get message(): string {
    const c = this.cause as { message?: unknown } | undefined;
    const why = typeof c?.message === "string" ? c.message : String(this.cause);
    return `chain ${this.chain} failed (${this.problem}) in ${this.phase} at iteration ${this.iteration} after ${this.attempts} attempt(s): ${why}`;
  }
}
