/** Typed failures of the package: each names the file, field or value at fault. */
import { Data } from "effect";

/** No tfjs backend could be initialised (every candidate is listed with its reason). */
export class TfBackendError extends Data.TaggedError("TfBackendError")<{
  readonly reason: string;
  readonly tried: readonly { readonly backend: string; readonly reason: string }[];
}> {}

/** A backend operation ran out of memory (the batch may be halved and retried). */
export class TfOutOfMemory extends Data.TaggedError("TfOutOfMemory")<{
  readonly batch: number;
  readonly reason: string;
}> {}

/** A failure worth retrying (a busy or momentarily unavailable backend). */
export class TfTransientError extends Data.TaggedError("TfTransientError")<{
  readonly reason: string;
}> {}

/** Any other failure inside a backend computation. */
export class TfComputeError extends Data.TaggedError("TfComputeError")<{
  readonly reason: string;
}> {}

/** Tensors still alive when they should not be (`tf.memory()` above the baseline). */
export class TensorLeakError extends Data.TaggedError("TensorLeakError")<{
  readonly leakedTensors: number;
  readonly leakedBytes: number;
  readonly where: string;
}> {}

/** Bad hyper-parameters, data or catalogue input. */
export class SanInputError extends Data.TaggedError("SanInputError")<{
  readonly field: string;
  readonly value: string;
  readonly reason: string;
}> {}

/** Reading or writing a model, checkpoint, catalogue or result file failed. */
export class SanFileError extends Data.TaggedError("SanFileError")<{
  readonly file: string;
  readonly reason: string;
}> {}

export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
