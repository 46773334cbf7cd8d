/**
 * A worker thread of Sidereal marks itself before it imports a user module, so that a module
 * which starts a parallel run at its own top level (and is then imported by every worker)
 * fails with a clear error instead of spawning workers without end.
 */
const MARK = Symbol.for("@sidereal/worker");

/** Marks this thread as a Sidereal worker. */
export function markWorker(): void {
  (globalThis as Record<symbol, unknown>)[MARK] = true;
}

/** True inside a Sidereal worker thread. */
export function insideWorker(): boolean {
  return (globalThis as Record<symbol, unknown>)[MARK] === true;
}

/** The message of the fork-bomb guard. */
export const NESTED_RUN_MESSAGE =
  "a parallel run was started inside a worker thread: the model's module starts a run at its top level, and every worker imports that module. Put the run in a main module (or under `if (import.meta.main)`) and keep the model's module free of runs";
