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

/**
 * What is wrong with a bad-input run (empty when it behaved): it must exit 2, print exactly
 * one line `PROGRAM: …` matching `message`, and change none of the watched folders.
 */
export function badInputProblems(r: BinFailure, program: string, message: RegExp): string[] {
  const problems: string[] = [];
  if (r.code !== 2) problems.push(`exit code ${r.code}, expected 2`);
  if (r.stderrLines.length !== 1) problems.push(`${r.stderrLines.length} stderr lines, expected 1`);
  const line = r.stderrLines[0] ?? "";
  if (!line.startsWith(`${program}: `) || !message.test(line))
    problems.push(`stderr ${JSON.stringify(line)} does not match ${program}: ${message}`);
  for (const w of r.changed) problems.push(`${w} changed`);
  return problems;
}

/**
 * The bad invocations every app rejects alike (name, argv after the command, message): an
 * unknown flag, an extra argument, an empty `--out`, an `--out` under a file (`aFile`) or
 * under /proc.
 */
export function commonBadInvocations(
  command: string,
  aFile: string,
): [name: string, argv: string[], message: RegExp][] {
  return [
    ["unknown flag", [command, "--chainz", "2"], /unknown flag --chainz/],
    ["extra positional arguments", [command, "extra"], /unexpected argument extra/],
    ["empty --out", [command, "--out", ""], /--out: Expected a value with a length of at least 1/],
    ["--out under a file", [command, "--out", join(aFile, "out")], /which is a file/],
    ["--out under /proc", [command, "--out", "/proc/sidereal-out"], /is under \/proc/],
  ];
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
