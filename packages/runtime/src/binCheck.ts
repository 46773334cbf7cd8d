/**
 * What the apps' bin-level suites check, in one place, running the real bin (`node BIN
 * ...args`, as a user would):
 * - `checkBinFailure`: exit code, stderr lines, and which watched folders changed (a failed
 *   run must create, remove or modify nothing);
 * - `interruptBin`: sends a signal once stderr shows that the run is under way and reports
 *   the exit code and how long the process took to exit after the signal.
 */
import { spawn, spawnSync } from "node:child_process";
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

/** The outcome of {@link interruptBin}. */
export interface Interrupted {
  readonly code: number | null;
  readonly stderr: string;
  /** Whether `waitFor` was seen (the signal is sent only then). */
  readonly started: boolean;
  /** Milliseconds from the signal to the process's exit. */
  readonly exitMs: number;
}

/**
 * Starts `node bin ...args`, waits until its stderr matches `waitFor` (at most
 * `startTimeoutMs`), sends `signal` and resolves when the process has exited.
 */
export function interruptBin(
  bin: string,
  args: readonly string[],
  waitFor: RegExp,
  signal: NodeJS.Signals = "SIGINT",
  startTimeoutMs = 60_000,
): Promise<Interrupted> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let sentAt: number | undefined;
    const send = () => {
      if (sentAt !== undefined) return;
      sentAt = performance.now();
      child.kill(signal);
    };
    const timer = setTimeout(send, startTimeoutMs);
    child.stderr?.on("data", (d) => {
      stderr += String(d);
      if (waitFor.test(stderr)) send();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stderr,
        started: waitFor.test(stderr),
        exitMs: sentAt === undefined ? Number.NaN : performance.now() - sentAt,
      });
    });
  });
}
