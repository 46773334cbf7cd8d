/** Loading ShardTasks from modules (paths or file URLs): every export with a string `name` and a function `run`. */
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ShardTask } from "./job.js";

const isTask = (v: unknown): v is ShardTask<never> =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as { name?: unknown }).name === "string" &&
  typeof (v as { run?: unknown }).run === "function";

/** The module's URL for `import()`. */
export const moduleUrl = (m: string): string =>
  m.startsWith("file:") ? m : pathToFileURL(isAbsolute(m) ? m : resolve(m)).href;

export async function importTasks(modules: ReadonlyArray<string>): Promise<ShardTask<never>[]> {
  const tasks: ShardTask<never>[] = [];
  for (const m of modules) {
    const mod = (await import(moduleUrl(m))) as Record<string, unknown>;
    for (const v of Object.values(mod)) if (isTask(v)) tasks.push(v);
  }
  return tasks;
}
