/**
 * `hi-spectra simulate` through the real bin (a spawned `node bin/hi-spectra.js`): the
 * noise-free spectra of spec §4.3 (emission peak 11.2938 K at 5.73 km/s, absorption peak
 * 0.65654 at −5.15 km/s, printed to those digits), the simulated.json layout, the data plots,
 * and identical files for the same seed (manifest times aside).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/hi-spectra.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "hi-sim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const simulate = (out: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, "simulate", "--out", out, ...args], {
    encoding: "utf8",
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(join(out, "simulated.json"), "utf8"));
};

const peak = (s: { spectral: number[]; brightness: number[] }) => {
  let i = 0;
  for (let j = 1; j < s.brightness.length; j++) if (s.brightness[j] > s.brightness[i]) i = j;
  return { value: s.brightness[i], at: s.spectral[i] };
};

/** Every file of a folder except the manifest (which holds the run's times). */
const contents = (out: string) =>
  readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== "manifest.json")
    .map(
      (e) =>
        [
          join(e.parentPath, e.name).slice(out.length),
          readFileSync(join(e.parentPath, e.name)),
        ] as const,
    )
    .sort(([a], [b]) => a.localeCompare(b));

describe("hi-spectra simulate", () => {
  it("--noise 0 gives the noise-free spectra of the tutorial's simulation", () => {
    const out = join(dir, "free");
    const sim = simulate(out, "--noise", "0");
    expect(sim.emission.spectral).toHaveLength(200);
    expect(sim.absorption.spectral).toHaveLength(100);
    expect(sim.emission.spectral[0]).toBe(-60);
    expect(sim.absorption.spectral[99]).toBe(30);
    expect(new Set(sim.emission.noise)).toEqual(new Set([0.1]));
    expect(new Set(sim.absorption.noise)).toEqual(new Set([0.001]));
    const e = peak(sim.emission);
    const a = peak(sim.absorption);
    // printed digits: 11.2938 K at 5.73 km/s; 0.65654 at −5.15 km/s
    expect(e.value).toBeCloseTo(11.2938, 4);
    expect(e.at).toBeCloseTo(5.73, 2);
    expect(a.value).toBeCloseTo(0.65654, 5);
    expect(a.at).toBeCloseTo(-5.15, 2);
    // the truths: sim_params with the model deterministics (spec §4.2)
    expect(sim.params.velocity).toEqual([-5, 5, 10]);
    expect(sim.params.absorption_weight).toEqual([0.9, 0.8, 1]);
    expect(sim.params.tspin[0]).toBeCloseTo(49.99361181, 6);
    const plots = readdirSync(join(out, "plots")).sort();
    expect(plots).toEqual([
      "data-absorption.png",
      "data-absorption.svg",
      "data-emission.png",
      "data-emission.svg",
    ]);
  }, 60_000);

  it("with noise: σ-sized residuals, and the same seed gives identical files", () => {
    const free = JSON.parse(readFileSync(join(dir, "free", "simulated.json"), "utf8"));
    const [a, b, c] = ["n1", "n2", "n3"].map((n) => join(dir, n));
    const sa = simulate(a, "--seed", "7");
    simulate(b, "--seed", "7");
    const sc = simulate(c, "--seed", "8");
    expect(contents(a)).toEqual(contents(b));
    expect(sc.emission.brightness).not.toEqual(sa.emission.brightness);
    // residual rms near σ = 0.1 K over 200 channels (5σ band of the sample rms: ±0.025)
    const r = sa.emission.brightness.map((x: number, i: number) => x - free.emission.brightness[i]);
    const rms = Math.sqrt(r.reduce((s: number, x: number) => s + x * x, 0) / r.length);
    expect(Math.abs(rms - 0.1)).toBeLessThan(0.025);
  }, 90_000);
});
