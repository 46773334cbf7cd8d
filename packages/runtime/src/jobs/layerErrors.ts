/** Layer helpers that effect 4's Layer module leaves to the caller. */
import { Cause, Effect, Layer } from "effect";

/** A layer that fails with `error` when built. */
export const failLayer = <A, E>(error: E): Layer.Layer<A, E> =>
  Layer.effectDiscard(Effect.fail(error)) as unknown as Layer.Layer<A, E>;

/** Maps any failure of building `layer` (typed or defect) through `f`. */
export const mapLayerError = <A, E, R, E2>(
  layer: Layer.Layer<A, E, R>,
  f: (e: unknown) => E2,
): Layer.Layer<A, E2, R> =>
  Layer.catchCause(layer, (cause) => failLayer<A, E2>(f(Cause.squash(cause)))) as Layer.Layer<
    A,
    E2,
    R
  >;
