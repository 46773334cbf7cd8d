import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeInferenceData } from "../../src/inference-data/index.js";
import { realisticIdata } from "./fixtures/realistic-idata.js";
import { tempDir } from "./helpers.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir("idata-repro"));
});
afterEach(() => cleanup());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("writeInferenceData with createdAt: null", () => {
  // HDF5's object-header times have a resolution of one second: writes 1.1 s apart would
  // differ in them if the clock were not fixed
  it("writes byte-identical files for the same content, whenever it runs", async () => {
    const idata = realisticIdata();
    await writeInferenceData(join(dir, "a.nc"), idata, { createdAt: null });
    await pause(1100);
    await writeInferenceData(join(dir, "b.nc"), idata, { createdAt: null });
    expect(readFileSync(join(dir, "b.nc")).equals(readFileSync(join(dir, "a.nc")))).toBe(true);
    expect(Date.now()).toBeGreaterThan(1e12); // the real clock is back
  });

  it("with a creation time, the stamps (and bytes) follow the clock", async () => {
    const idata = realisticIdata();
    await writeInferenceData(join(dir, "a.nc"), idata, { createdAt: "2026-01-01T00:00:00Z" });
    await pause(1100);
    await writeInferenceData(join(dir, "b.nc"), idata, { createdAt: "2026-01-01T00:00:00Z" });
    expect(readFileSync(join(dir, "b.nc")).equals(readFileSync(join(dir, "a.nc")))).toBe(false);
  });
});
