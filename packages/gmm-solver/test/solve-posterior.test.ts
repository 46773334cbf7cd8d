import { foldIn, key, normal } from "@sidereal/distributions";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type PosteriorSamples,
  type PosteriorVariable,
  SolveError,
  solvePosterior,
} from "../src/index.js";
import { cloudOrder, labelOrder, mostCommonOrder } from "../src/label-order.js";

// Synthetic MCMC posteriors of a 3-cloud model. Each physical cloud has a velocity and a fwhm2
// posterior (independent normals); chain c stores physical cloud phys[c][j] in its cloud slot j,
// i.e. the chains are label-switched copies of one (or several) solutions. Besides the two
// clustering features the posterior carries: `id` (the physical cloud's id, constant, to check
// the relabelling), `tau` (chain, draw, cloud, channel) = 10·id + channel, `mixed` (chain, draw,
// coeff, cloud) = 100·coeff + id (cloud axis not third), and `baseline` (chain, draw) without a
// cloud dim = 1000·chain + draw. Clouds are ≥ 8 σ apart in velocity, so every relabelling check
// below is exact (not statistical); the KL threshold 0.1 comfortably exceeds the sampling noise
// between fits of the same distribution (≈ number of GMM parameters / n ≈ 17 / 1200).

interface Cloud {
  readonly id: number;
  readonly v: number;
  readonly sv: number;
  readonly f: number;
  readonly sf: number;
}

const A: Cloud = { id: 0, v: -10, sv: 0.5, f: 20, sf: 2 };
const B: Cloud = { id: 1, v: 0, sv: 0.5, f: 50, sf: 3 };
const C: Cloud = { id: 2, v: 8, sv: 0.5, f: 30, sf: 2 };
const D: Cloud = { id: 3, v: 25, sv: 0.5, f: 80, sf: 3 };
const E: Cloud = { id: 4, v: -3, sv: 0.3, f: 8, sf: 1 };

function posterior(phys: readonly (readonly Cloud[])[], nDraws: number, seed: number) {
  const nChains = phys.length;
  const nC = phys[0]!.length;
  const size = nChains * nDraws * nC;
  const z = normal(key(seed), [2, size]);
  const velocity = new Float64Array(size);
  const fwhm2 = new Float64Array(size);
  const id = new Float64Array(size);
  const tau = new Float64Array(size * 2);
  const mixed = new Float64Array(size * 2);
  const baseline = new Float64Array(nChains * nDraws);
  for (let c = 0; c < nChains; c++) {
    for (let t = 0; t < nDraws; t++) {
      baseline[c * nDraws + t] = 1000 * c + t;
      for (let j = 0; j < nC; j++) {
        const cl = phys[c]![j]!;
        const i = (c * nDraws + t) * nC + j;
        velocity[i] = cl.v + cl.sv * z[i]!;
        fwhm2[i] = cl.f + cl.sf * z[size + i]!;
        id[i] = cl.id;
        for (let h = 0; h < 2; h++) {
          tau[i * 2 + h] = 10 * cl.id + h;
          mixed[((c * nDraws + t) * 2 + h) * nC + j] = 100 * h + cl.id;
        }
      }
    }
  }
  const cloud = (values: Float64Array): PosteriorVariable => ({
    values,
    dims: ["chain", "draw", "cloud"],
    shape: [nChains, nDraws, nC],
  });
  const samples: PosteriorSamples = {
    velocity: cloud(velocity),
    fwhm2: cloud(fwhm2),
    id: cloud(id),
    tau: {
      values: tau,
      dims: ["chain", "draw", "cloud", "channel"],
      shape: [nChains, nDraws, nC, 2],
    },
    mixed: {
      values: mixed,
      dims: ["chain", "draw", "coeff", "cloud"],
      shape: [nChains, nDraws, 2, nC],
    },
    baseline: { values: baseline, dims: ["chain", "draw"], shape: [nChains, nDraws] },
  };
  return samples;
}

const opts = { cloudVars: ["velocity", "fwhm2"], nClouds: 3, seed: 7 } as const;

/** Physical id of cloud k in solution chain i at draw t, checking every per-cloud variable. */
function physicalIds(s: Record<string, PosteriorVariable>, nDraws: number): number[][] {
  const nChains = s["id"]!.shape[0]!;
  const out: number[][] = [];
  for (let i = 0; i < nChains; i++) {
    const row: number[] = [];
    for (let k = 0; k < 3; k++) {
      const id0 = s["id"]!.values[i * nDraws * 3 + k]!;
      for (let t = 0; t < nDraws; t++) {
        const idx = (i * nDraws + t) * 3 + k;
        expect(s["id"]!.values[idx]).toBe(id0);
        expect(s["tau"]!.values[idx * 2 + 1]).toBe(10 * id0 + 1);
        expect(s["mixed"]!.values[((i * nDraws + t) * 2 + 1) * 3 + k]).toBe(100 + id0);
      }
      row.push(id0);
    }
    out.push(row);
  }
  return out;
}

describe("solvePosterior", () => {
  it("merges label-switched chains into one solution with consistent cloud labels", () => {
    const nDraws = 400;
    const phys = [
      [A, B, C],
      [C, A, B],
      [B, C, A],
      [A, C, B],
    ];
    const samples = posterior(phys, nDraws, 1);
    const r = solvePosterior(samples, opts);
    expect(r.solutions).toHaveLength(1);
    expect(r.convergedChains).toEqual([0, 1, 2, 3]);
    expect(r.messages).toContain("GMM converged to unique solution");
    expect(r.messages.some((m) => m.includes("chains appear converged"))).toBe(false);
    expect(r.messages).toContain("Label order mismatch in solution 0");
    const sol = r.solutions[0]!;
    expect(sol.chains).toEqual([0, 1, 2, 3]);
    const ids = physicalIds(sol.samples, nDraws);
    for (const row of ids) expect(row).toEqual(ids[0]);
    expect([...ids[0]!].sort()).toEqual([0, 1, 2]);
    // Component k of the solution's mixture describes cloud k (velocity within 0.2 of truth).
    const truthV = [A, B, C];
    for (let k = 0; k < 3; k++) {
      expect(Math.abs(sol.gmm.means[2 * k]! - truthV[ids[0]![k]!]!.v)).toBeLessThan(0.2);
    }
    // Shapes, dims and the variable without a cloud dim.
    expect(sol.samples["tau"]!.shape).toEqual([4, nDraws, 3, 2]);
    expect(sol.samples["mixed"]!.dims).toEqual(["chain", "draw", "coeff", "cloud"]);
    expect(sol.samples["baseline"]!.values).toEqual(samples["baseline"]!.values);
    // The input is not modified.
    expect(samples["id"]!.values[nDraws * 3]).toBe(C.id);
    // Every chain's cloudOrder maps its own label order onto the adopted one.
    expect(sol.cloudOrders).toHaveLength(4);
  });

  it("separates two genuinely different solutions", () => {
    const nDraws = 300;
    const phys = [
      [A, B, C],
      [B, D, A],
      [C, A, B],
      [D, A, B],
    ];
    const r = solvePosterior(posterior(phys, nDraws, 2), opts);
    expect(r.solutions.map((s) => s.chains)).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(r.convergedChains).toEqual([0, 1, 2, 3]);
    expect(r.messages).toContain("GMM found 2 unique solutions");
    expect(r.messages).toContain("Solution 0: chains [0, 2]");
    expect(r.messages).toContain("Solution 1: chains [1, 3]");
    for (const [s, members] of [
      [0, [0, 1, 2]],
      [1, [0, 1, 3]],
    ] as const) {
      const ids = physicalIds(r.solutions[s]!.samples, nDraws);
      expect(ids[1]).toEqual(ids[0]);
      expect([...ids[0]!].sort()).toEqual(members);
    }
    expect(r.klDivergences[0]![1]!).toBeGreaterThan(1);
    expect(r.klDivergences[0]![2]!).toBeLessThan(0.1);
  });

  it("reports a chain stuck in another mode as not converged", () => {
    const phys = [
      [A, B, C],
      [B, C, A],
      [A, B, C],
      [A, E, B],
      [C, B, A],
    ];
    const r = solvePosterior(posterior(phys, 300, 3), opts);
    expect(r.solutions).toHaveLength(1);
    expect(r.solutions[0]!.chains).toEqual([0, 1, 2, 4]);
    expect(r.convergedChains).toEqual([0, 1, 2, 4]);
    expect(r.messages).toContain("GMM converged to unique solution");
    expect(r.messages).toContain("4 of 5 chains appear converged.");
  });

  it("finds no solution for a single chain or when no two chains agree", () => {
    const one = solvePosterior(posterior([[A, B, C]], 200, 4), opts);
    expect(one.solutions).toHaveLength(0);
    expect(one.convergedChains).toEqual([]);
    expect(one.messages).toEqual(["No solution found!", "0 of 1 chains appear converged."]);
    const two = solvePosterior(
      posterior(
        [
          [A, B, C],
          [A, B, D],
        ],
        200,
        5,
      ),
      opts,
    );
    expect(two.solutions).toHaveLength(0);
    expect(two.messages).toEqual(["No solution found!", "0 of 2 chains appear converged."]);
  });

  it("is deterministic for a fixed seed and handles nClouds = 1", () => {
    const samples = posterior(
      [
        [A, B, C],
        [B, A, C],
      ],
      200,
      6,
    );
    const a = solvePosterior(samples, opts);
    const b = solvePosterior(samples, { ...opts, seed: key(7) });
    expect(a.klDivergences).toEqual(b.klDivergences);
    const single = posterior([[A], [A], [A]], 200, 8);
    const r = solvePosterior(single, { cloudVars: ["velocity", "fwhm2"], nClouds: 1 });
    expect(r.convergedChains).toEqual([0, 1, 2]);
    expect(r.messages).toEqual(["GMM converged to unique solution"]);
    // Other seeds give the same grouping.
    const c = solvePosterior(samples, { ...opts, seed: foldIn(key(3), 1) });
    expect(c.convergedChains).toEqual([0, 1]);
  });
});

describe("solvePosterior input errors", () => {
  const good = posterior(
    [
      [A, B, C],
      [B, C, A],
    ],
    50,
    9,
  );
  const expectError = (f: () => unknown, reason: SolveError["reason"], parameter?: string) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(SolveError);
      const err = e as SolveError;
      expect(err._tag).toBe("SolveError");
      expect(err.reason).toBe(reason);
      if (parameter !== undefined) expect(err.parameter).toBe(parameter);
      return;
    }
    throw new Error("expected a SolveError");
  };
  const v = good["velocity"]!;

  it("rejects missing or empty cloudVars", () => {
    expectError(
      () => solvePosterior(good, { ...opts, cloudVars: ["velocity", "nope"] }),
      "cloudVars",
      "nope",
    );
    expectError(() => solvePosterior(good, { ...opts, cloudVars: [] }), "cloudVars");
    expectError(
      () => solvePosterior(good, { ...opts, cloudVars: ["fwhm2", "fwhm2"] }),
      "cloudVars",
    );
  });

  it("rejects dims that do not start with chain, draw(, cloud)", () => {
    expectError(
      () => solvePosterior({ ...good, velocity: { ...v, dims: ["draw", "chain", "cloud"] } }, opts),
      "dims",
      "velocity",
    );
    expectError(
      () =>
        solvePosterior({ ...good, velocity: { ...v, dims: ["chain", "draw", "component"] } }, opts),
      "dims",
      "velocity",
    );
    expectError(
      () => solvePosterior(good, { ...opts, cloudVars: ["velocity", "tau"] }),
      "dims",
      "tau",
    );
  });

  it("rejects inconsistent shapes", () => {
    expectError(
      () => solvePosterior({ ...good, velocity: { ...v, values: v.values.subarray(1) } }, opts),
      "shape",
      "velocity",
    );
    expectError(
      () =>
        solvePosterior(
          { ...good, fwhm2: { ...v, values: v.values.subarray(0, 75), shape: [1, 25, 3] } },
          opts,
        ),
      "shape",
      "fwhm2",
    );
    expectError(
      () => solvePosterior({ ...good, velocity: { ...v, shape: [2, 50, 3, 1] } }, opts),
      "shape",
      "velocity",
    );
  });

  it("rejects an nClouds mismatch, non-finite features and bad options", () => {
    expectError(() => solvePosterior(good, { ...opts, nClouds: 2 }), "nClouds");
    expectError(() => solvePosterior(good, { ...opts, nClouds: 0 }), "nClouds", "nClouds");
    const bad = v.values.slice();
    bad[5] = Number.NaN;
    expectError(
      () => solvePosterior({ ...good, velocity: { ...v, values: bad } }, opts),
      "nonFinite",
    );
    expectError(() => solvePosterior(good, { ...opts, nInit: 0 }), "option", "nInit");
    expectError(() => solvePosterior(good, { ...opts, klDivThreshold: Number.NaN }), "option");
    expectError(() => solvePosterior(good, { ...opts, numGmmSamples: 1.5 }), "option");
    expectError(() => solvePosterior(good, { ...opts, seed: 0.5 }), "option", "seed");
  });
});

describe("label orders", () => {
  it("takes the per-cloud mode (smallest component on ties)", () => {
    // 4 draws × 2 clouds: cloud 0 labels 1,1,0,0 (tie → 0); cloud 1 labels 2,2,2,0.
    const labels = Int32Array.from([1, 2, 1, 2, 0, 2, 0, 0]);
    expect(labelOrder(labels, 4, 2, 3)).toEqual([0, 2]);
  });

  it("adopts the most common order, lexicographically smallest on ties", () => {
    expect(
      mostCommonOrder([
        [2, 0, 1],
        [1, 0, 2],
        [2, 0, 1],
      ]),
    ).toEqual([2, 0, 1]);
    expect(
      mostCommonOrder([
        [2, 0, 1],
        [1, 2, 0],
        [1, 0, 2],
      ]),
    ).toEqual([1, 0, 2]);
  });

  it("cloudOrder p satisfies order[p[k]] = adopted[k]", () => {
    const perm = (n: number) =>
      fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }).map((xs) =>
        xs
          .map((x, i) => [x, i] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, i]) => i),
      );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(perm(n), perm(n))),
        ([order, adopted]) => {
          const p = cloudOrder(order, adopted);
          expect(p.map((pk) => order[pk])).toEqual(adopted);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
