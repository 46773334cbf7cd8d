import { describe, expect, it } from "vitest";
import {
  foldedVoigtAccumulate,
  foldedVoigtKernel,
  foldedVoigtKernelTangent,
  foldedVoigtVjpPass,
  gaussianFactor,
} from "../src/opacity/folded-voigt.js";

/**
 * The kernel as first written (two `exp` per frequency, research/exojax.md §4.4), kept as
 * the reference for the shared-Gaussian / geometric-Lorentz evaluation.
 */
function directKernel(g: number, beta: number, n: number) {
  const out = new Float64Array(n + 1);
  const dg = new Float64Array(n + 1);
  const db = new Float64Array(n + 1);
  const q = (2 * g) / n;
  const q2 = q * q;
  const ew = Math.exp(0.19461568 * q2);
  const w = n * 0.39560962 * ew;
  const ea = Math.exp(-0.06592025 * q2);
  const A = q * 0.09432246 * ea;
  const eb = Math.exp(-0.09048447 * q2);
  const B = q * 0.11202818 * eb;
  const dqdg = 2 / n;
  const dw = w * 2 * 0.19461568 * q * dqdg;
  const dA = 0.09432246 * ea * (1 - 2 * 0.06592025 * q2) * dqdg;
  const dB = 0.11202818 * eb * (1 - 2 * 0.09048447 * q2) * dqdg;
  const c = 4 * Math.PI * Math.PI;
  for (let j = 0; j <= n; j++) {
    const k = j / (2 * n);
    const pk = Math.PI * beta * k;
    const valG = Math.exp(-2 * pk * pk);
    const valL = Math.exp(-2 * Math.PI * g * k);
    const den = 1 + c * w * w * k * k;
    const pm = j & 1 ? -1 : 1;
    out[j] = valG * (valL - (A / den + (j === 0 ? 2 * B : 0)) * pm);
    const dI =
      (dA / den - (A * 2 * c * w * dw * k * k) / (den * den) + (j === 0 ? 2 * dB : 0)) * pm;
    dg[j] = valG * (-2 * Math.PI * k * valL - dI);
    db[j] = out[j] * (-4 * Math.PI * pk * k);
  }
  return { out, dg, db };
}

/** max |a − b| / max |b|: the kernel's values span many decades, so compare on its scale. */
function scaledError(a: Float64Array, b: Float64Array): number {
  let m = 0;
  let d = 0;
  for (let i = 0; i < b.length; i++) {
    m = Math.max(m, Math.abs(b[i]));
    d = Math.max(d, Math.abs(a[i] - b[i]));
  }
  return d / m;
}

describe("folded Voigt kernel (shared Doppler factor, geometric Lorentz factor)", () => {
  // widths and Doppler σ (grid units) of the seed's PreMODIT layers and beyond
  const cases: [number, number, number][] = [
    [1e-4, 0.9, 3500],
    [0.37, 1.8, 3500],
    [5.2, 2.6, 3500],
    [120, 1.1, 3501],
  ];
  it.each(cases)("equals the direct evaluation to 1e-13 (g=%f, β=%f, N=%i)", (g, beta, n) => {
    const ref = directKernel(g, beta, n);
    const gauss = new Float64Array(n + 1);
    gaussianFactor(beta, n, gauss);
    for (const shared of [undefined, gauss]) {
      const out = new Float64Array(n + 1);
      const dg = new Float64Array(n + 1);
      const db = new Float64Array(n + 1);
      foldedVoigtKernel(g, beta, n, out, dg, db, shared);
      // the recurrence restarts every 32 steps: a few ulp of accumulated rounding
      expect(scaledError(out, ref.out)).toBeLessThan(1e-13);
      expect(scaledError(dg, ref.dg)).toBeLessThan(1e-13);
      expect(scaledError(db, ref.db)).toBeLessThan(1e-13);
    }
  });
  it.each(cases)(
    "the directional form equals the partials combined (g=%f, β=%f, N=%i)",
    (g, beta, n) => {
      const gauss = new Float64Array(n + 1);
      gaussianFactor(beta, n, gauss);
      const out = new Float64Array(n + 1);
      const dg = new Float64Array(n + 1);
      const db = new Float64Array(n + 1);
      foldedVoigtKernel(g, beta, n, out, dg, db, gauss);
      const out2 = new Float64Array(n + 1);
      const dir = new Float64Array(n + 1);
      const [u, v] = [-0.37 * g, 0.5 * beta];
      foldedVoigtKernelTangent(g, beta, n, out2, dir, u, v, gauss);
      expect(Array.from(out2)).toEqual(Array.from(out));
      const ref = dg.map((x, j) => x * u + db[j] * v);
      expect(scaledError(dir, ref)).toBeLessThan(1e-15);
    },
  );
});

describe("fused PreMODIT passes give the unfused numbers exactly", () => {
  const n = 3500;
  // a deterministic "spectrum" and adjoint with both signs and a spread of magnitudes
  const wave = (a: number, b: number) =>
    Float64Array.from({ length: 3 * (n + 1) }, (_, j) => Math.sin(a * j + b) * 10 ** ((j % 7) - 3));
  const cases: [number, number][] = [
    [0.05, 0.8],
    [1.7, 2.4],
    [40, 0.3],
  ];
  it.each(cases)("foldedVoigtAccumulate = kernel then acc += spec·K (g %s, β %s)", (g, beta) => {
    const gauss = new Float64Array(n + 1);
    gaussianFactor(beta, n, gauss);
    const re = wave(0.37, 0.1);
    const im = wave(0.11, 1.3);
    const off = n + 1;
    const kernel = new Float64Array(n + 1);
    foldedVoigtKernel(g, beta, n, kernel, undefined, undefined, gauss);
    const wantRe = wave(0.5, 0.2).subarray(0, n + 1);
    const wantIm = wave(0.6, 0.9).subarray(0, n + 1);
    const gotRe = wantRe.slice();
    const gotIm = wantIm.slice();
    for (let j = 0; j <= n; j++) {
      wantRe[j] += re[off + j] * kernel[j];
      wantIm[j] += im[off + j] * kernel[j];
    }
    foldedVoigtAccumulate(g, n, gauss, re, im, off, gotRe, gotIm);
    expect(Array.from(gotRe)).toEqual(Array.from(wantRe));
    expect(Array.from(gotIm)).toEqual(Array.from(wantIm));
  });

  it.each(cases)(
    "foldedVoigtVjpPass = tangent kernel, dot and H·K loops (g %s, β %s)",
    (g, beta) => {
      const gauss = new Float64Array(n + 1);
      gaussianFactor(beta, n, gauss);
      const [dgDir, dbDir] = [-0.7 * g, 0.0013];
      const hRe = wave(0.21, 0.4);
      const hIm = wave(0.29, 2.2);
      const sRe = wave(0.37, 0.1);
      const sIm = wave(0.11, 1.3);
      const sOff = 2 * (n + 1);
      const kernel = new Float64Array(n + 1);
      const dk = new Float64Array(n + 1);
      foldedVoigtKernelTangent(g, beta, n, kernel, dk, dgDir, dbDir, gauss);
      let want = 0;
      for (let j = 0; j <= n; j++) {
        const c = j === 0 || j === n ? 1 : 2;
        want += c * dk[j] * (hRe[j] * sRe[sOff + j] + hIm[j] * sIm[sOff + j]);
      }
      const kRe = new Float64Array(n + 1);
      const kIm = new Float64Array(n + 1);
      const got = foldedVoigtVjpPass(
        g,
        beta,
        n,
        dgDir,
        dbDir,
        gauss,
        hRe,
        hIm,
        sRe,
        sIm,
        sOff,
        kRe,
        kIm,
      );
      expect(got).toBe(want);
      for (let j = 0; j <= n; j++) {
        expect(kRe[j]).toBe(hRe[j] * kernel[j]);
        expect(kIm[j]).toBe(hIm[j] * kernel[j]);
      }
    },
  );
});
