/**
 * Interrupted and killed runs through the real bin, and reproducibility:
 * - SIGINT during sampling → exit 130 within 2 s, no output folder, no staging leftovers;
 * - SIGKILL while writing → the previous folder is still complete (`sidereal verify` passes)
 *   and the next run removes the leftovers;
 * - the same seed gives byte-identical files (manifest times aside) with 1 and 2 workers.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { interruptBin, verifyManifest } from "@sidereal/runtime";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/gaia-distances.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "gaia-interrupt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tiny = ["--max-stars", "40", "--warmup", "30", "--draws", "20", "--quiet"];

const runSync = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });

const exited = (p: ChildProcess) =>
  new Promise<number | null>((resolve) => p.once("exit", (code) => resolve(code)));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("gaia-distances: interrupts, kills and reproducibility", () => {
  it("SIGINT during sampling exits 130 within 2 s and leaves no output folder", async () => {
    const out = join(dir, "interrupted");
    const args = ["m67", "--out", out, "--max-stars", "300", "--warmup", "5000", "--draws", "5000"];
    // the signal goes once a chain reports progress (sampling has started in the workers)
    const r = await interruptBin(BIN, args, /chain \d: \d+\/5000 warmup/);
    expect(r.started).toBe(true);
    expect(r.exitMs).toBeLessThan(2000);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain("gaia-distances: interrupted");
    expect(readdirSync(dir).filter((f) => f.includes("interrupted"))).toEqual([]);
  }, 120_000);

  it("SIGKILL while writing leaves the previous folder complete; the next run cleans up", async () => {
    const out = join(dir, "killed");
    expect(runSync(["m67", "--out", out, "--seed", "1", ...tiny]).status).toBe(0);
    const first = readFileSync(join(out, "manifest.json"), "utf8");
    const child = spawn(process.execPath, [BIN, "m67", "--out", out, "--seed", "2", ...tiny], {
      stdio: "ignore",
    });
    const done = exited(child);
    // kill as soon as the staging folder has its first output file (writing has begun)
    const staging = () => readdirSync(dir).find((f) => f.startsWith(".killed.staging-"));
    let killed = false;
    for (let i = 0; i < 6000 && !killed; i++) {
      const s = staging();
      if (s !== undefined && existsSync(join(dir, s, "idata.nc"))) {
        child.kill("SIGKILL");
        killed = true;
      } else await sleep(5);
    }
    await done;
    expect(killed).toBe(true);
    expect(staging()).toBeDefined(); // the killed run's leftovers
    expect(readFileSync(join(out, "manifest.json"), "utf8")).toBe(first);
    expect(verifyManifest(out).ok).toBe(true);
    const verify = spawnSync(
      process.execPath,
      [
        fileURLToPath(
          import.meta
            .resolve("@sidereal/runtime/package.json")
            .replace("package.json", "bin/sidereal.js"),
        ),
        "verify",
        out,
      ],
      { encoding: "utf8" },
    );
    expect(verify.status).toBe(0);
    // the next run at the same place removes the leftovers of the killed one
    expect(runSync(["m67", "--out", out, "--seed", "3", ...tiny]).status).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith(".killed."))).toEqual([]);
    expect(verifyManifest(out).ok).toBe(true);
  }, 180_000);

  it("the same seed gives byte-identical files with 1 and 2 workers (times aside)", async () => {
    const files = (workers: number) => {
      const out = join(dir, `w${workers}`);
      const args = ["m67", "--out", out, "--seed", "11", "--workers", String(workers)];
      const r = runSync([...args, ...tiny]);
      expect(r.stderr).toBe("");
      return { out, files: JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).files };
    };
    const one = files(1);
    const two = files(2);
    // every file, idata.nc included (io writes it with HDF5's object-header times fixed)
    expect(Object.keys(one.files)).toContain("idata.nc");
    expect(Object.keys(one.files).length).toBeGreaterThan(10);
    expect(two.files).toEqual(one.files);
  }, 180_000);
});
