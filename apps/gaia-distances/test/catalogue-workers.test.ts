/**
 * `catalogue --runner local --workers 2` through the built bin (worker threads import built
 * JavaScript): the shards run in two worker-thread lanes and distances.csv equals the
 * one-thread run's byte for byte, on the bundled M67 table in 11 shards.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/gaia-distances.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "gaia-workers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const catalogue = (workers: number) => {
  const out = join(dir, `w${workers}`);
  const r = spawnSync(
    process.execPath,
    [BIN, "catalogue", "--out", out, "--shard-size", "500", "--workers", String(workers)],
    { encoding: "utf8", timeout: 120_000 },
  );
  return { ...r, csv: readFileSync(join(out, "distances.csv")) };
};

describe("catalogue --workers", () => {
  it("two worker-thread lanes give the one-thread distances.csv byte for byte", () => {
    const one = catalogue(1);
    const two = catalogue(2);
    expect([one.status, two.status]).toEqual([0, 0]);
    expect(one.stdout).toMatch(/5331 stars .* in 11 shards, runner local \(1 workers\)/);
    expect(two.stdout).toMatch(/in 11 shards, runner local \(2 workers\)/);
    // the lanes reported progress from their worker threads
    expect(two.stderr).toMatch(/lane 2\/2: 5\/5/);
    expect(two.csv.equals(one.csv)).toBe(true);
  }, 240_000);
});
