/**
 * `OutputDir`: output folders that appear complete or not at all.
 *
 * `withOutputDir(path, use)` first checks the location (empty path, a path under a file or
 * under /proc, /sys or /dev, an existing file, an unwritable parent → `ConfigError` at once,
 * before any work), cleans up what crashed runs left beside it, and creates a hidden staging
 * folder next to it (`.NAME.staging-PID-RANDOM`, same file system, so the final rename is
 * atomic). `use` writes into `dir.staging`. When `use` succeeds the manifest is written and the
 * staging folder replaces the target: an existing folder is first renamed aside
 * (`.NAME.old-PID-RANDOM`), the staging folder renamed into place, and the old one removed.
 * When `use` fails or is interrupted, the staging folder is removed and an existing folder is
 * left untouched. A run killed outright leaves only hidden leftovers, which the next run at
 * the same path removes (an `.old` folder whose target is missing is renamed back).
 */
import { randomBytes } from "node:crypto";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Context, Effect, Exit, Layer, Option } from "effect";
import { ConfigError, RunError, reasonOf } from "./errors.js";
import { buildManifest, MANIFEST_FILE, type Manifest } from "./manifest.js";
import { RunInfo, type RunInfoShape, runInfoWith } from "./runInfo.js";

/** A staged output folder. */
export interface StagedDir {
  /** The final location (absolute). */
  readonly path: string;
  /** The folder to write into now (absolute). */
  readonly staging: string;
  /** The staging path of `relative` (a file of the output folder). */
  readonly file: (relative: string) => string;
}

/** Pseudo file systems that are never an output location. */
const FORBIDDEN_ROOTS = ["/proc", "/sys", "/dev"];

const isUnder = (p: string, root: string) => p === root || p.startsWith(`${root}/`);

const pidAlive = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Checks that `path` can become an output folder (see the module doc) and returns it
 * absolute. `field` names the flag or field in the error (default `--out`).
 */
export function checkOutputLocation(path: string, field = "--out"): string {
  const fail = (reason: string): never => {
    throw new ConfigError({ field, reason });
  };
  if (path.trim() === "") fail("the output folder is an empty path");
  const abs = resolve(path);
  if (abs === "/" || abs === resolve(".") || abs === resolve(process.env.HOME ?? "/"))
    fail(`refusing to replace ${abs} with an output folder`);
  // the nearest existing ancestor must be a writable directory on a real file system
  let existing = abs;
  while (!existsSync(existing)) existing = dirname(existing);
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch (e) {
    fail(`cannot resolve ${existing}: ${reasonOf(e)}`);
  }
  for (const root of FORBIDDEN_ROOTS)
    if (isUnder(real, root) || isUnder(abs, root))
      fail(`${abs} is under ${root}, which is not a file system for output`);
  const st = statSync(existing);
  if (existing === abs) {
    if (!st.isDirectory()) fail(`${abs} exists and is not a folder`);
  } else if (!st.isDirectory()) fail(`${abs} is under ${existing}, which is a file`);
  const parentToWrite = existing === abs ? dirname(abs) : existing;
  try {
    accessSync(parentToWrite, constants.W_OK | constants.X_OK);
  } catch {
    fail(`${parentToWrite} is not writable`);
  }
  return abs;
}

const LEFTOVER = /^\.(.+)\.(staging|old)-(\d+)-[0-9a-f]+$/;

/**
 * Removes what crashed runs left beside `abs` (see the module doc); leftovers of a live
 * process (another run in progress) are kept.
 */
export function cleanLeftovers(abs: string): void {
  const parent = dirname(abs);
  if (!existsSync(parent)) return;
  const name = basename(abs);
  for (const entry of readdirSync(parent)) {
    const m = LEFTOVER.exec(entry);
    if (m === null || m[1] !== name || pidAlive(Number(m[3]))) continue;
    const p = join(parent, entry);
    if (m[2] === "old" && !existsSync(abs)) renameSync(p, abs);
    else rmSync(p, { recursive: true, force: true });
  }
}

interface Staging {
  readonly dir: StagedDir;
  /** The first folder this run created above the target (removed again on failure). */
  readonly createdAbove: string | undefined;
}

function stage(path: string, field: string): Staging {
  const abs = checkOutputLocation(path, field);
  cleanLeftovers(abs);
  const parent = dirname(abs);
  let createdAbove: string | undefined;
  if (!existsSync(parent)) {
    let top = parent;
    while (!existsSync(dirname(top))) top = dirname(top);
    createdAbove = top;
    mkdirSync(parent, { recursive: true });
  }
  const staging = join(
    parent,
    `.${basename(abs)}.staging-${process.pid}-${randomBytes(4).toString("hex")}`,
  );
  mkdirSync(staging);
  return { dir: { path: abs, staging, file: (rel) => join(staging, rel) }, createdAbove };
}

function discard(s: Staging): void {
  rmSync(s.dir.staging, { recursive: true, force: true });
  if (s.createdAbove !== undefined) {
    try {
      // only folders this run created, and only while empty (parents first created, last removed)
      let d = dirname(s.dir.path);
      for (;;) {
        rmdirSync(d);
        if (d === s.createdAbove) break;
        d = dirname(d);
      }
    } catch {
      // not empty any more (another run wrote there): leave it
    }
  }
}

/** Writes the manifest into the staging folder and renames it into place. */
function commit(s: Staging, info: RunInfoShape): Manifest {
  const { path, staging } = s.dir;
  const manifest = buildManifest(staging, info, new Date());
  writeFileSync(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  let old: string | undefined;
  if (existsSync(path)) {
    old = join(
      dirname(path),
      `.${basename(path)}.old-${process.pid}-${randomBytes(4).toString("hex")}`,
    );
    renameSync(path, old);
  }
  renameSync(staging, path);
  if (old !== undefined) rmSync(old, { recursive: true, force: true });
  return manifest;
}

/** The service (see the module doc). */
export interface OutputDirShape {
  /** Checks an output location at once (before any work); the absolute path. */
  readonly check: (path: string, field?: string) => Effect.Effect<string, ConfigError>;
  /**
   * Runs `use` on a staged folder at `path` and renames it into place when `use` succeeds
   * (see the module doc); the manifest records the RunInfo in context (defaults otherwise).
   */
  readonly use: <A, E, R>(
    path: string,
    use: (dir: StagedDir) => Effect.Effect<A, E, R>,
    field?: string,
  ) => Effect.Effect<A, E | ConfigError | RunError, R>;
}

const local: OutputDirShape = {
  check: (path, field) =>
    Effect.try({
      try: () => checkOutputLocation(path, field),
      catch: (e) =>
        e instanceof ConfigError
          ? e
          : new ConfigError({ field: field ?? "--out", reason: reasonOf(e) }),
    }),
  use: (path, use, field = "--out") =>
    Effect.gen(function* () {
      const info = Option.getOrElse(yield* Effect.serviceOption(RunInfo), () => runInfoWith());
      return yield* Effect.acquireUseRelease(
        Effect.try({
          try: () => stage(path, field),
          catch: (e) =>
            e instanceof ConfigError ? e : new ConfigError({ field, reason: reasonOf(e) }),
        }),
        (s) =>
          Effect.flatMap(use(s.dir), (a) =>
            Effect.as(
              Effect.try({
                try: () => commit(s, info),
                catch: (e) => new RunError({ stage: `writing ${s.dir.path}`, reason: reasonOf(e) }),
              }),
              a,
            ),
          ),
        (s, exit) => (Exit.isSuccess(exit) ? Effect.void : Effect.sync(() => discard(s))),
      );
    }),
};

export class OutputDir extends Context.Service<OutputDir, OutputDirShape>()(
  "@sidereal/runtime/OutputDir",
) {
  /** Output folders on the local file system (see the module doc). */
  static readonly layer: Layer.Layer<OutputDir> = Layer.succeed(OutputDir, local);
}

/** `OutputDir.use` of the service in context (see {@link OutputDirShape.use}). */
export const withOutputDir = <A, E, R>(
  path: string,
  use: (dir: StagedDir) => Effect.Effect<A, E, R>,
  field?: string,
): Effect.Effect<A, E | ConfigError | RunError, R | OutputDir> =>
  Effect.gen(function* () {
    const o = yield* OutputDir;
    return yield* o.use(path, use, field);
  });
