/** Shared helpers of the app's tests: the real bin, spawned as a user runs it. */
import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCubeInfo, readCubeRows } from "@sidereal/photometry";
import { Effect } from "effect";

export const BIN = fileURLToPath(new URL("../bin/photometry-cube.js", import.meta.url));

export interface BinResult {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Runs the bin to completion. */
export function runBin(args: readonly string[], timeout = 240_000): BinResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    timeout,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs the bin to completion without blocking (for concurrent tests). */
export function runBinAsync(args: readonly string[], timeout = 240_000): Promise<BinResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      timeout,
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

/** Starts the bin in the background (to be killed). */
export const startBin = (args: readonly string[]) =>
  spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });

/** The one .hdf5 file of an output folder. */
export function cubeIn(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith(".hdf5"));
  if (files.length !== 1) throw new Error(`expected one cube in ${dir}, found ${files.join(", ")}`);
  return join(dir, files[0]);
}

/** Layout and every row of a cube. */
export const readWholeCube = (file: string) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const info = yield* readCubeInfo(file);
      const rows = yield* readCubeRows(file, 0, info.rows);
      return { info, rows };
    }),
  );

/** A Python with h5py (Debian's python3-h5py lives in /usr/bin/python3), if any. */
export function pythonWithH5py(): string | undefined {
  for (const py of ["python3", "/usr/bin/python3"]) {
    const r = spawnSync(py, ["-c", "import h5py"], { encoding: "utf8" });
    if (r.status === 0) return py;
  }
  return undefined;
}
