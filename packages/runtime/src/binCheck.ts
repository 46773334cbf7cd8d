/**
 * `checkBinFailure`: what every app's bad-input suite checks about one case, in one place —
 * run the real bin (`node BIN ...args`, as a user would) and report its exit code, its
 * stderr lines, and which watched folders changed (a failed run must create, remove or
 * modify nothing).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Names, sizes and modification times of everything under `root` (empty when absent). */
export function folderState(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      out.push(`${p} ${st.size} ${st.mtimeMs}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out;
}

/** The outcome of {@link checkBinFailure}. */
export interface BinFailure {
  readonly code: number | null;
  readonly stderrLines: readonly string[];
  /** The watched folders whose state differs after the run. */
  readonly changed: readonly string[];
}

/** Runs `node bin ...args` and reports the outcome (see the module doc). */
export function checkBinFailure(
  bin: string,
  args: readonly string[],
  watched: readonly string[],
  timeoutMs = 60_000,
): BinFailure {
  const before = watched.map(folderState);
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: timeoutMs });
  const changed = watched.filter((w, i) => folderState(w).join("\n") !== before[i].join("\n"));
  return { code: r.status, stderrLines: r.stderr.trim().split("\n"), changed };
}
