import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { readSpectrum, SEED_MODEL } from "../src/index.js";

const tmp = mkdtempSync(join(tmpdir(), "exo-data-"));

describe("readSpectrum", () => {
  it("reads a CSV in Å into ascending wavenumbers (1e8/λ), rows reordered together", () => {
    const f = join(tmp, "obs.csv");
    writeFileSync(f, "# observed\nwavelength,flux,noise\n22950,1,10\n22990,2,20\n22930,3,30\n");
    const s = Effect.runSync(readSpectrum(f, SEED_MODEL));
    expect(Array.from(s.nu)).toEqual([1e8 / 22990, 1e8 / 22950, 1e8 / 22930]);
    expect(Array.from(s.flux)).toEqual([2, 1, 3]);
    expect(Array.from(s.noise)).toEqual([20, 10, 30]);
    expect(s.truths).toBeUndefined();
  });
  it("reads the mock.json layout with its true parameters", () => {
    const f = join(tmp, "mock.json");
    writeFileSync(
      f,
      JSON.stringify({ nu: [4351, 4350], flux: [5, 6], noise: [1, 1], params: { T0: 1200 } }),
    );
    const s = Effect.runSync(readSpectrum(f, SEED_MODEL));
    expect(Array.from(s.nu)).toEqual([4350, 4351]);
    expect(Array.from(s.flux)).toEqual([6, 5]);
    expect(s.truths).toEqual({ T0: 1200 });
  });
  it("rejects repeated wavenumbers and bad params, naming the field", () => {
    const f = join(tmp, "rep.csv");
    writeFileSync(f, "wavenumber,flux,noise\n4350,1,1\n4350,2,1\n");
    const e = Effect.runSync(Effect.flip(readSpectrum(f, SEED_MODEL)));
    expect(e.field).toBe("nu");
    const g = join(tmp, "p.json");
    writeFileSync(g, JSON.stringify({ nu: [4350], flux: [1], noise: [1], params: { T0: "hot" } }));
    expect(Effect.runSync(Effect.flip(readSpectrum(g, SEED_MODEL))).field).toBe("params.T0");
  });
});
