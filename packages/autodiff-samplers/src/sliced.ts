/**
 * Long synchronous loops written once as generators (`Steps<A>`): the loop `yield`s at points
 * where it may pause (every ADVI convergence check) and `return`s its result.
 *
 * - `runSteps(steps)` runs it to the end at once (the plain synchronous functions);
 * - `stepsEffect(make)` runs it as an Effect that hands the event loop back (a macrotask)
 *   every `sliceMs` of work: a Ctrl-C handler can only run when the event loop is free, and
 *   an interrupt of the fiber lands between slices. The arithmetic is the same either way.
 */
import { Effect } from "effect";

/** A computation that may pause at each `yield` and returns an `A`. */
export type Steps<A> = Generator<void, A, void>;

/** Runs `steps` to its result without pausing. */
export function runSteps<A>(steps: Steps<A>): A {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * `make()`'s steps as an Effect yielding to the event loop every `sliceMs` (default 50);
 * a throw fails the effect with `onThrow(error)`.
 */
export const stepsEffect = <A, E>(
  make: () => Steps<A>,
  onThrow: (error: unknown) => E,
  sliceMs = 50,
): Effect.Effect<A, E> =>
  Effect.suspend(() => {
    let steps: Steps<A> | undefined;
    const slice = Effect.try({
      try: (): IteratorResult<void, A> => {
        steps ??= make();
        const end = performance.now() + sliceMs;
        for (;;) {
          const r = steps.next();
          if (r.done || performance.now() >= end) return r;
        }
      },
      catch: onThrow,
    });
    const loop: Effect.Effect<A, E> = Effect.flatMap(slice, (r) =>
      r.done ? Effect.succeed(r.value) : Effect.andThen(Effect.sleep(0), loop),
    );
    return loop;
  });
