/**
 * Tagged errors of `@sidereal/hi-physics`: bad arguments of the physics functions, malformed
 * spectra, and misuse of the model builders (e.g. sampling before `addLikelihood()`).
 */
import { Data } from "effect";

/** A physics function got an argument of the wrong shape or value. */
export class HiPhysicsError extends Data.TaggedError("HiPhysicsError")<{
  readonly function: string;
  readonly argument: string;
  readonly message: string;
}> {}

/** A spectrum (`SpecData`) is malformed: names the dataset, the field and the index. */
export class SpecDataError extends Data.TaggedError("SpecDataError")<{
  /** Dataset key (e.g. "emission"), or "" when decoding a single spectrum. */
  readonly dataset: string;
  /** Field: "spectral", "brightness", "noise", "xlabel" or "ylabel". */
  readonly field: string;
  /** Index of the offending element, or -1 when the problem is not one element. */
  readonly index: number;
  readonly message: string;
}> {}

/** A model builder was misused or got an impossible prior (names the method and argument). */
export class HiModelError extends Data.TaggedError("HiModelError")<{
  readonly method: string;
  readonly argument: string;
  readonly message: string;
}> {}
