/**
 * The task functions of `runTasks` and how a worker imports one. Kept apart from the pool so
 * that a task worker loads only this light module besides the task's own. Internal.
 */
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";

/** Where a worker finds a task function: `module` exports `export(input, report)`. */
export interface TaskRef {
  /** Module URL or absolute path (built JavaScript, so that workers can import it). */
  readonly module: string;
  readonly export: string;
}

/** How a task reports progress: `done` of `total` units, an optional short detail. */
export type TaskReport = (done: number, total: number, detail?: string) => void;

/** A task function as exported by its module. */
export type TaskFunction<I, O> = (input: I, report: TaskReport) => O | Promise<O>;

/** Imports the task function of `ref` (by the pool in process and by the worker entry). */
export async function importTaskFunction(ref: TaskRef): Promise<TaskFunction<unknown, unknown>> {
  const spec = isAbsolute(ref.module) ? pathToFileURL(ref.module).href : ref.module;
  const fn = ((await import(spec)) as Record<string, unknown>)[ref.export];
  if (typeof fn !== "function")
    throw new Error(
      `export "${ref.export}" of ${ref.module} is not a function (input, report) => result`,
    );
  return fn as TaskFunction<unknown, unknown>;
}
