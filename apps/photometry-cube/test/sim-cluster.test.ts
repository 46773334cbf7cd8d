/**
 * `photometry-cube sim --runner cluster --storage sqlite:PATH` through the spawned bin: the
 * cube computed as a JobRunner job on Effect Cluster (one machine, SQLite, no server; shards =
 * redshift slices × chunks, chunks deliberately not a multiple of the local 1024-row blocks)
 * equals `--runner local`'s byte for byte, uniform and Latin-hypercube designs alike; each
 * shard's result is stored exactly once, and a second run on the same storage computes
 * nothing and writes the same cube. `--runner cluster` without `--storage` exits 2.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { cubeIn, runBinAsync } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "photometry-cluster-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = (n: number, design: string, out: string) => [
  "sim",
  "--n",
  String(n),
  "--workers",
  "2",
  "--seed",
  "5",
  "--design",
  design,
  "--out",
  join(dir, out),
  "--quiet",
];
const storage = `sqlite:${join(dir, "jobs.sqlite")}`;
const cluster = (n: number, design: string, out: string, shardRows: number) => [
  ...base(n, design, out),
  "--runner",
  "cluster",
  "--storage",
  storage,
  "--shard-rows",
  String(shardRows),
];
const cube = (out: string) => readFileSync(cubeIn(join(dir, out)));

/** Rows per (job, shard) in the storage's result table, and executions per shard. */
const stored = () => {
  const db = new DatabaseSync(join(dir, "jobs.sqlite"), { readOnly: true });
  try {
    const results = db
      .prepare(
        "SELECT job_id, shard, COUNT(*) AS n FROM sidereal_shard_results GROUP BY job_id, shard",
      )
      .all() as { job_id: string; shard: number; n: number }[];
    const runs = db
      .prepare(
        "SELECT job_id, shard, COUNT(*) AS n FROM sidereal_shard_runs GROUP BY job_id, shard",
      )
      .all() as { job_id: string; shard: number; n: number }[];
    return { results, runs };
  } finally {
    db.close();
  }
};

describe("sim --runner cluster (SQLite)", () => {
  it("equals --runner local byte for byte; every shard stored once; a rerun reuses them", async () => {
    // local and cluster side by side (the cluster run is one process, SQLite is its storage)
    const [local, first] = await Promise.all([
      runBinAsync(base(300, "uniform", "local")),
      runBinAsync(cluster(300, "uniform", "cluster", 64)),
    ]);
    expect(local.err).toBe("");
    expect(first.err).toBe("");
    expect([local.code, first.code]).toEqual([0, 0]);
    expect(cube("cluster").equals(cube("local"))).toBe(true);
    const summary = JSON.parse(readFileSync(join(dir, "cluster", "summary.json"), "utf8"));
    expect(summary).toMatchObject({ runner: "cluster", samples: 300, workers: 2 });

    // 2 slices of 150 rows in chunks of 64: 3 shards each
    const afterFirst = stored();
    expect(afterFirst.results).toHaveLength(6);
    expect(afterFirst.results.every((r) => r.n === 1)).toBe(true);
    expect(afterFirst.runs.every((r) => r.n === 1)).toBe(true);

    const again = await runBinAsync(cluster(300, "uniform", "again", 64));
    expect(again.code).toBe(0);
    expect(cube("again").equals(cube("local"))).toBe(true);
    // nothing ran again and nothing was written twice
    expect(stored()).toEqual(afterFirst);
  });

  it("a Latin hypercube (drawn whole per slice, cut into shards) equals the local cube", async () => {
    const [local, clustered] = await Promise.all([
      runBinAsync(base(120, "lhs", "lhs-local")),
      runBinAsync(cluster(120, "lhs", "lhs-cluster", 25)),
    ]);
    expect([local.code, clustered.code]).toEqual([0, 0]);
    expect(cube("lhs-cluster").equals(cube("lhs-local"))).toBe(true);
  });

  it("--runner cluster without --storage: exit 2 naming --storage, nothing written", async () => {
    const r = await runBinAsync([...base(100, "uniform", "nostorage"), "--runner", "cluster"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--storage/);
    const bad = await runBinAsync([
      ...base(100, "uniform", "badstorage"),
      "--runner",
      "cluster",
      "--storage",
      "mysql://h/db",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--storage.*postgres:\/\/.*sqlite:PATH/);
    for (const out of ["nostorage", "badstorage"]) {
      expect(existsSync(join(dir, out))).toBe(false);
      expect(existsSync(join(dir, `.${out}.partials`))).toBe(false);
    }
  });
});
