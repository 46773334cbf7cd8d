/**
 * SIGTERM (SIGINT: see gaia-distances) during NUTS in worker threads → exit 130 within 2 s, no output folder
 * and no staging leftovers (the runtime interrupts the run, terminates the workers and
 * removes the staging folder before exiting).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { interruptBin } from "@sidereal/runtime";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/stream-density.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "stream-interrupt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("stream-density: interrupts", () => {
  // SIGINT is tested through gaia-distances' bin; here SIGTERM, the same path in runMain
  it.each(["SIGTERM"] as const)(
    "%s during sampling exits 130 within 2 s and leaves nothing",
    async (signal) => {
      const out = join(dir, `run-${signal}`);
      const args = ["spline", "--out", out, "--max-points", "2000", "--warmup", "3000"];
      const r = await interruptBin(BIN, [...args, "--workers", "2"], /spline chain/, signal);
      expect(r.started).toBe(true);
      expect(r.exitMs).toBeLessThan(2000);
      expect(r.code).toBe(130);
      expect(r.stderr).toContain("stream-density: interrupted");
      expect(readdirSync(dir)).toEqual([]);
    },
    120_000,
  );
});
