/**
 * SpecData: decoding, bayes_spec's normalisation, and a property test that every malformed
 * input is rejected with a SpecDataError naming the field and the index.
 */
import { Effect, Exit } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeSpecData, decodeSpecDataMap, SpecDataError, specData } from "../src/index.js";

const valid = () => ({
  spectral: [-3, -1, 1, 3, 5],
  brightness: [0.1, 0.5, 2.0, 0.4, 0.0],
  noise: [0.1, 0.2, 0.1, 0.3, 0.1],
  xlabel: "$V_{\\rm LSR}$ (km s$^{-1}$)",
  ylabel: "$T_B$ (K)",
});

/** The typed failure of decoding `input` (through the Effect and the sync wrapper alike). */
function failure(input: unknown): SpecDataError {
  const exit = Effect.runSyncExit(decodeSpecData(input, "emission"));
  expect(Exit.isFailure(exit)).toBe(true);
  try {
    specData(input, "emission");
  } catch (e) {
    expect(e).toBeInstanceOf(SpecDataError);
    return e as SpecDataError;
  }
  throw new Error(`accepted malformed input ${JSON.stringify(input)}`);
}

describe("SpecData", () => {
  it("keeps the TeX labels and normalises as bayes_spec", () => {
    const s = specData(valid(), "emission");
    expect(s.xlabel).toBe("$V_{\\rm LSR}$ (km s$^{-1}$)");
    expect(s.ylabel).toBe("$T_B$ (K)");
    expect(Math.min(...s.spectralNorm)).toBe(-1);
    expect(Math.max(...s.spectralNorm)).toBe(1);
    expect(s.brightnessScale).toBe(0.1);
    expect(s.brightnessNorm[2]).toBeCloseTo(20, 12);
  });
  it("broadcasts a scalar noise; defaults the labels; accepts Float64Array and a decreasing axis", () => {
    const s = specData({
      spectral: Float64Array.from([5, 3, 1]),
      brightness: new Float64Array(3),
      noise: 0.1,
    });
    expect(Array.from(s.noise)).toEqual([0.1, 0.1, 0.1]);
    expect(s.xlabel).toBe("Spectral");
    expect(s.ylabel).toBe("Brightness");
  });
  it("decodes a map of spectra keeping the key order", () => {
    const m = Effect.runSync(decodeSpecDataMap({ emission: valid(), absorption: valid() }));
    expect(Object.keys(m)).toEqual(["emission", "absorption"]);
  });

  type Corruption = (x: ReturnType<typeof valid>, i: number) => [unknown, string, number];
  const corruptions: Record<string, Corruption> = {
    "non-finite spectral": (x, i) => {
      x.spectral[i] = Number.NaN;
      return [x, "spectral", i];
    },
    "infinite brightness": (x, i) => {
      x.brightness[i] = Number.POSITIVE_INFINITY;
      return [x, "brightness", i];
    },
    "non-finite noise": (x, i) => {
      x.noise[i] = Number.NaN;
      return [x, "noise", i];
    },
    "non-positive noise": (x, i) => {
      x.noise[i] = -Math.abs(x.noise[i]) * (i % 2);
      return [x, "noise", i];
    },
    "non-monotonic axis": (x, i) => {
      const j = Math.max(1, i);
      x.spectral[j] = x.spectral[j - 1];
      return [x, "spectral", j];
    },
    "short brightness": (x, i) => [{ ...x, brightness: x.brightness.slice(0, i) }, "brightness", i],
    "long noise": (x) => [{ ...x, noise: [...x.noise, 0.1] }, "noise", 5],
    "string in brightness": (x, i) => {
      (x.brightness as unknown[])[i] = "1";
      return [x, "brightness", i];
    },
    "missing spectral": (x) => {
      const { spectral: _, ...rest } = x;
      return [rest, "spectral", -1];
    },
    "label not a string": (x) => [{ ...x, xlabel: 3 }, "xlabel", -1],
    "unknown field": (x) => [{ ...x, velocity: [1] }, "velocity", -1],
  };

  it("rejects every malformed input, naming the field and index (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(corruptions)),
        fc.integer({ min: 0, max: 4 }),
        (name, i) => {
          const [input, field, index] = corruptions[name](valid(), i);
          const e = failure(input);
          expect(e.dataset).toBe("emission");
          expect(e.field).toBe(field);
          expect(e.index).toBe(index);
          expect(e.message).toContain("emission");
        },
      ),
      { seed: 26, numRuns: 200 },
    );
  });
  it("rejects a single channel and a non-object", () => {
    expect(failure({ spectral: [1], brightness: [1], noise: 1 }).field).toBe("spectral");
    expect(failure(42).field).toBe("");
  });
});
