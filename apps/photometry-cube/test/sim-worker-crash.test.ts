/**
 * `photometry-cube sim` when ONE worker thread dies mid-shard (issue 20: "killing a worker
 * mid-run and resuming yields a file identical to an uninterrupted run"). The app runs in
 * this process through the runtime's `runCli` with the test layer
 * `WorkerPool.threadsWithTaskCrash`, which terminates the worker thread of shard "worker 1"
 * (`worker.terminate()`) once it has written its first block of 1,024 rows to its temporary
 * partial file, i.e. while it computes the rest:
 *
 * (a) killed once: the pool's crash retry recomputes that shard and the cube is byte for byte
 *     the uninterrupted run's;
 * (b) killed on every attempt: the run fails (exit 1) with one line naming the shard, the
 *     other shard's complete partial is kept, and a rerun with the same arguments (production
 *     layers) keeps it, recomputes only shard 1 and ends with the same bytes.
 *
 * The app is imported from `dist/` (build first): its shard module must be JavaScript that
 * worker threads can import.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { partialFileName, redshiftSlices } from "@sidereal/photometry";
import { AppLayer, type AppServices, OutputDir, runCli, WorkerPool } from "@sidereal/runtime";
import { Layer } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app, PACKAGE_JSON } from "../dist/cli.js";
import { cubeIn } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "photometry-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// two shards of 1,500 rows: a block of 1,024 rows, then 476 more (the worker dies in those)
const N = 3000;
const P = 2;
const args = (out: string) => [
  "sim",
  "--n",
  String(N),
  "--workers",
  String(P),
  "--seed",
  "7",
  "--out",
  out,
];
const partials = redshiftSlices(0, 6, P).map((z, i) => partialFileName(N / P, z.zLo, z.zHi, i));

/**
 * Runs the CLI here under `layer`. Its one-line errors go to the `stderr` stream given; its
 * progress lines and messages to process.stderr, captured (and kept off the console) meanwhile.
 */
async function sim(out: string, layer: Layer.Layer<AppServices> = AppLayer) {
  let text = "";
  const stream = { write: (s: string) => void (text += s), isTTY: false };
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await runCli(app, args(out), {
      packageJson: PACKAGE_JSON,
      program: "photometry-cube",
      layer,
      stdout: stream,
      stderr: stream,
    });
    return { code, text };
  } finally {
    process.stderr.write = write;
  }
}

const killWorker1 = (attempts: number) =>
  Layer.mergeAll(
    OutputDir.layer,
    WorkerPool.threadsWithTaskCrash({ task: "worker 1", afterDone: 1024, attempts }),
  );

const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
const crashLine =
  /worker 1: its worker crashed \(worker exited with code \d+\); running it again \(attempt 2\)/g;

describe("sim with one worker thread killed mid-shard", () => {
  const ref = join(dir, "ref");
  beforeAll(async () => {
    expect((await sim(ref)).code).toBe(0);
  }, 120_000);

  it("(a) the crash retry recomputes the shard: the cube equals the uninterrupted one", async () => {
    const out = join(dir, "retried");
    const r = await sim(out, killWorker1(1));
    expect(r.code).toBe(0);
    expect(r.text.match(crashLine)).toHaveLength(1); // killed once, run again once
    expect(summaryOf(out)).toMatchObject({ shardsReused: 0, samplesSimulated: N });
    expect(readFileSync(cubeIn(out)).equals(readFileSync(cubeIn(ref)))).toBe(true);
    expect(existsSync(join(dir, ".retried.partials"))).toBe(false);
  });

  it("(b) retries exhausted: a typed error naming the shard; the rerun recomputes only that shard", async () => {
    const out = join(dir, "failed");
    const work = join(dir, ".failed.partials");
    const failed = await sim(out, killWorker1(3));
    expect(failed.code).toBe(1);
    expect(failed.text).toContain(
      "photometry-cube: worker 1 failed: its worker crashed 3 times (worker exited with code",
    );
    expect(failed.text.match(/running it again \(attempt [23]\)/g)).toHaveLength(2);
    expect(existsSync(out)).toBe(false);
    // shard 0 finished before shard 1's third death (1,500 rows against 3 × 1,024): its partial
    // is there under its final name; shard 1 left at most temporary files
    const left = readdirSync(work);
    expect(left.filter((f) => f.endsWith(".hdf5")).sort()).toEqual([partials[0]]);
    expect(left.every((f) => f === "run.json" || f === partials[0] || f.includes(".tmp-"))).toBe(
      true,
    );

    const again = await sim(out);
    expect(again.code).toBe(0);
    expect(again.text.match(/keeping its complete partial .*/g)).toEqual([
      `keeping its complete partial ${partials[0]}`,
    ]);
    expect(again.text).toContain(`worker 0: keeping its complete partial ${partials[0]}`);
    expect(summaryOf(out)).toMatchObject({ shardsReused: 1, samplesSimulated: N / P });
    expect(readFileSync(cubeIn(out)).equals(readFileSync(cubeIn(ref)))).toBe(true);
    expect(existsSync(work)).toBe(false);
  });
});
