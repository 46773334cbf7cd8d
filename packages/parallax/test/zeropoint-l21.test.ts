import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ZeroPointError,
  type ZeroPointReport,
  zeroPointL21,
  zeroPointL21Detailed,
} from "../src/index.js";
import { zpM67, zpSynthetic } from "./fixtures/reference.js";

/** Number of elements that differ (NaN equals NaN) and the largest absolute difference. */
function compare(a: ArrayLike<number>, b: ArrayLike<number>): { differ: number; maxAbs: number } {
  let differ = 0;
  let maxAbs = 0;
  for (let i = 0; i < b.length; i++) {
    if (Object.is(a[i], b[i]) || (Number.isNaN(a[i]) && Number.isNaN(b[i]))) continue;
    if (a[i] === b[i]) continue; // +0 / -0
    differ++;
    maxAbs = Math.max(maxAbs, Math.abs(a[i] - b[i]));
  }
  return { differ, maxAbs };
}

function thrown(f: () => unknown): ZeroPointError {
  try {
    f();
  } catch (e) {
    return e as ZeroPointError;
  }
  throw new Error("expected a ZeroPointError");
}

const S = zpSynthetic;

describe("zeroPointL21: hand-computed values", () => {
  // G on a node, colour 1.48 (c1..c4 = 0), β = 0 (b1 = 0, b2 = -1/3): Z = q00 - q02/3 [µas].
  it("5p and 6p at the G nodes 6, 13.1 and 21", () => {
    const g = [6 + 1e-9, 13.1, 21 - 1e-9]; // G = 6 and 21 themselves are out of range
    const z5 = zeroPointL21(g, 1.48, Number.NaN, 0, 31);
    expect(Array.from(z5)).toEqual([-0.036113, -0.04337, -0.01204]); // -26.98 - 27.4/3, -37.99 - 16.14/3, -18.22 + 18.54/3
    const z6 = zeroPointL21(6 + 1e-9, Number.NaN, 1.48, 0, 95);
    expect(Array.from(z6)).toEqual([-0.037007]); // -27.85 - 27.47/3
  });

  it("interpolation halfway between G = 10.8 and 11.2 at the ecliptic pole", () => {
    // β = 90°: b1 = 1, b2 = 2/3. q00 = -28.78, q01 = -6.15, q02 = 16.06 (means of two rows).
    // Z = -28.78 - 6.15 + 16.06 · 2/3 = -24.2233 µas.
    expect(Array.from(zeroPointL21(11, 1.48, Number.NaN, 90, 31))).toEqual([-0.024223]);
  });

  it("colour terms for a red 5p star (nu_eff = 1.2) at G = 6.5 (interpolated)", () => {
    // Between the G = 6 and 10.8 rows with h = 0.5/4.8; β = 0. c1 = -0.24, c2 = 0.24³,
    // c3 = -0.04. Z = q00 - q02/3 + q10 c1 + q20 c2 + q30 c3.
    const h = 0.5 / 4.8;
    const q = (a: number, b: number) => (1 - h) * a + h * b;
    const z =
      q(-26.98, -27.23) -
      q(27.4, 23.04) / 3 +
      q(-25.1, 35.3) * -0.24 +
      q(-1257, -1257) * 0.24 ** 3 +
      0 * -0.04;
    const got = zeroPointL21(6.5, 1.2, Number.NaN, 0, 31, { round: false });
    expect(Math.abs(got[0] - z / 1000)).toBeLessThan(1e-15);
  });
});

describe("zeroPointL21 against the NumPy transcription (synthetic grid)", () => {
  it("NaN mode: identical values (after the 6-decimal rounding) and the same count", () => {
    const r = zeroPointL21Detailed(S.gMag, S.nuEff, S.pseudocolour, S.eclLat, S.aps);
    expect(compare(r.zeroPoint, S.zeroPointNaN)).toEqual({ differ: 0, maxAbs: 0 });
    expect(r.outOfRange).toBe(S.outOfRange);
    expect(r.nanInput).toBe(1); // the NaN magnitude
  });

  it("extrapolate mode: identical values", () => {
    const z = zeroPointL21(S.gMag, S.nuEff, S.pseudocolour, S.eclLat, S.aps, {
      outOfRange: "extrapolate",
    });
    expect(compare(z, S.zeroPointExtrapolate)).toEqual({ differ: 0, maxAbs: 0 });
  });

  it("unrounded: equal to the NumPy µas values to 1e-12 relative", () => {
    const z = zeroPointL21(S.gMag, S.nuEff, S.pseudocolour, S.eclLat, S.aps, {
      outOfRange: "extrapolate",
      round: false,
    });
    let worst = 0;
    for (let i = 0; i < z.length; i++) {
      const ref = S.zeroPointMicroArcsec[i] / 1000;
      if (Number.isNaN(ref)) expect(z[i]).toBeNaN();
      else worst = Math.max(worst, Math.abs(z[i] - ref) / Math.abs(ref));
    }
    // Same operations in the same order; only sin/pow may differ by an ulp.
    expect(worst).toBeLessThan(1e-12);
  });
});

describe("zeroPointL21 on Gaia DR3 M67 rows (m67.fits.gz, read with numpy)", () => {
  const M = zpM67;
  it("NaN mode and extrapolate mode match the NumPy values", () => {
    const nan = zeroPointL21Detailed(M.gMag, M.nuEff, M.pseudocolour, M.eclLat, M.aps);
    expect(compare(nan.zeroPoint, M.zeroPointNaN)).toEqual({ differ: 0, maxAbs: 0 });
    const ext = zeroPointL21(M.gMag, M.nuEff, M.pseudocolour, M.eclLat, M.aps, {
      outOfRange: "extrapolate",
    });
    expect(compare(ext, M.zeroPointExtrapolate)).toEqual({ differ: 0, maxAbs: 0 });
    // The subset holds every out-of-range row of the file.
    expect(nan.outOfRange).toBe(M.outOfRangeAll);
    expect(Float32Array.from(M.nuEff).every((x, i) => Object.is(x, M.nuEff[i]))).toBe(true);
  });

  it("accepts the catalogue's own column types (float32 colours, int16 solution type)", () => {
    const z = zeroPointL21(
      Float32Array.from(M.gMag),
      Float32Array.from(M.nuEff),
      Float32Array.from(M.pseudocolour),
      Float64Array.from(M.eclLat),
      Int16Array.from(M.aps),
    );
    expect(compare(z, M.zeroPointNaN)).toEqual({ differ: 0, maxAbs: 0 });
  });
});

describe("zeroPointL21 validity ranges", () => {
  it("NaN and a count outside 6 < G < 21, 1.1 < nu_eff < 1.9, 1.24 < pseudocolour < 1.72", () => {
    const g = [6, 21, 12, 12, 12, 12, 12, 12];
    const nu = [1.5, 1.5, 1.1, 1.9, 1.5, Number.NaN, Number.NaN, 1.5];
    const pc = [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, 1.24, 1.72, 2];
    const aps = [31, 31, 31, 31, 31, 95, 95, 31];
    const reports: ZeroPointReport[] = [];
    const r = zeroPointL21Detailed(g, nu, pc, 10, aps, { onOutOfRange: (x) => reports.push(x) });
    expect(Array.from(r.zeroPoint.map((x) => (Number.isNaN(x) ? 1 : 0)))).toEqual([
      1, 1, 1, 1, 0, 1, 1, 0,
    ]);
    expect(Array.from(r.outOfRangeMask)).toEqual([1, 1, 1, 1, 0, 1, 1, 0]);
    expect(reports).toEqual([{ outOfRange: 6, gMag: 2, nuEff: 2, pseudocolour: 2, nanInput: 0 }]);
    // The 6p star's nu_eff and the 5p star's pseudocolour are never read.
    expect(Number.isFinite(r.zeroPoint[7])).toBe(true);
  });

  it("does not call onOutOfRange when every star is valid", () => {
    let called = 0;
    zeroPointL21([10, 15], [1.5, 1.6], Number.NaN, [0, 30], 31, { onOutOfRange: () => called++ });
    expect(called).toBe(0);
  });

  it("extrapolate clamps G to the table ends and 6p colours to [1.24, 1.72]", () => {
    const ext = { outOfRange: "extrapolate" } as const;
    const at = (g: number, pc: number) => zeroPointL21(g, Number.NaN, pc, -5.5, 95, ext)[0];
    expect(at(4, 1.4)).toBe(at(6, 1.4));
    expect(at(23, 1.4)).toBe(at(21, 1.4));
    expect(at(15, 0.5)).toBe(at(15, 1.24));
    expect(at(15, 2.3)).toBe(at(15, 1.72));
  });

  it("NaN inputs give NaN and are counted as nanInput", () => {
    const r = zeroPointL21Detailed([Number.NaN, 12], 1.5, Number.NaN, [0, Number.NaN], 31);
    expect(Array.from(r.zeroPoint)).toEqual([Number.NaN, Number.NaN]);
    expect(r.nanInput).toBe(2);
    expect(r.outOfRange).toBe(0);
  });
});

describe("zeroPointL21 errors", () => {
  it("names the parameter for unequal lengths", () => {
    const e = thrown(() => zeroPointL21([10, 11], [1.5, 1.5], [1.5], [0, 0], [31, 31]));
    expect(e._tag).toBe("ZeroPointError");
    expect(e.problem).toBe("shape");
    expect(e.parameter).toBe("pseudocolour");
  });

  it("rejects solution types other than 31 and 95 with the index", () => {
    const e = thrown(() => zeroPointL21([10, 11, 12], 1.5, 1.5, 0, [31, 3, 95]));
    expect(e.problem).toBe("astrometricParamsSolved");
    expect(e.index).toBe(1);
  });

  it("rejects an unknown outOfRange option", () => {
    const e = thrown(() =>
      zeroPointL21(10, 1.5, 1.5, 0, 31, { outOfRange: "clip" as unknown as "nan" }),
    );
    expect(e.problem).toBe("option");
    expect(e.parameter).toBe("outOfRange");
  });
});

describe("zeroPointL21 properties", () => {
  const star = fc.record({
    g: fc.double({ min: 6.001, max: 20.999, noNaN: true }),
    nu: fc.double({ min: 1.101, max: 1.899, noNaN: true }),
    pc: fc.double({ min: 1.241, max: 1.719, noNaN: true }),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    five: fc.boolean(),
  });

  it("vectorised = one star at a time; in range both modes agree; rounding moves < 5e-7 mas", () => {
    fc.assert(
      fc.property(fc.array(star, { minLength: 1, maxLength: 30 }), (stars) => {
        const cols = [
          stars.map((s) => s.g),
          stars.map((s) => s.nu),
          stars.map((s) => s.pc),
          stars.map((s) => s.lat),
          stars.map((s) => (s.five ? 31 : 95)),
        ] as const;
        const z = zeroPointL21(...cols);
        const ext = zeroPointL21(...cols, { outOfRange: "extrapolate" });
        const raw = zeroPointL21(...cols, { round: false });
        stars.forEach((s, i) => {
          expect(zeroPointL21(s.g, s.nu, s.pc, s.lat, s.five ? 31 : 95)[0]).toBe(z[i]);
          expect(ext[i]).toBe(z[i]);
          expect(Math.abs(raw[i] - z[i])).toBeLessThanOrEqual(5e-7 + 1e-15);
          // |Z| stays within the span of the published corrections (|Z| < 0.2 mas in range).
          expect(Math.abs(z[i])).toBeLessThan(0.2);
        });
      }),
      { numRuns: 100, seed: 21 },
    );
  });

  it("is continuous in G across the tabulated magnitudes", () => {
    fc.assert(
      fc.property(star, ({ g, nu, pc, lat, five }) => {
        const f = (x: number) =>
          zeroPointL21(x, nu, pc, lat, five ? 31 : 95, {
            round: false,
            outOfRange: "extrapolate",
          })[0];
        // The steepest interpolation segment changes Z by < 0.5 mas per mag.
        expect(Math.abs(f(g + 1e-7) - f(g))).toBeLessThan(1e-7);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
