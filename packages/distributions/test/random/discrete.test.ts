import { describe, expect, it } from "vitest";
import {
  bernoulli,
  categorical,
  choice,
  key,
  permutation,
  poisson,
  randint,
  randomBits,
  split,
} from "../../src/random/index.js";
import { chiSquareTest, lgamma, moments } from "./stats.js";

// Fixed keys; chi-square goodness-of-fit tests require p > 0.001, means/variances within 5
// standard errors.

function poissonPmf(k: number, rate: number): number {
  return Math.exp(k * Math.log(rate) - rate - lgamma(k + 1));
}

function expectMoments(x: ArrayLike<number>, mean: number, variance: number): void {
  const m = moments(x);
  expect(Math.abs(m.mean - mean)).toBeLessThan(5 * m.seMean);
  expect(Math.abs(m.variance - variance)).toBeLessThan(5 * m.seVariance);
}

/** Chi-square of integer draws binned as lo-or-less, each of lo+1..hi-1, hi-or-more. */
function poissonChiSquare(x: Float64Array, rate: number, lo: number, hi: number) {
  const bins = hi - lo + 1;
  const observed = new Float64Array(bins);
  for (const v of x) observed[Math.min(Math.max(v, lo), hi) - lo]! += 1;
  const probs = new Float64Array(bins);
  let below = 0;
  for (let k = 0; k <= lo; k++) below += poissonPmf(k, rate);
  probs[0] = below;
  let mid = below;
  for (let k = lo + 1; k < hi; k++) {
    probs[k - lo] = poissonPmf(k, rate);
    mid += probs[k - lo]!;
  }
  probs[bins - 1] = 1 - mid;
  return chiSquareTest(
    observed,
    Array.from(probs, (p) => p * x.length),
  );
}

describe("poisson", () => {
  const N = 100_000;
  it("rate 3 (Knuth): integer draws, moments and chi-square over 0..9, >=10", () => {
    const x = poisson(key(701), 3, [N]);
    for (const v of x) expect(Number.isInteger(v) && v >= 0).toBe(true);
    expectMoments(x, 3, 3);
    expect(poissonChiSquare(x, 3, 0, 10).p).toBeGreaterThan(0.001);
  });
  it("rate 50 (PTRS): moments and chi-square over <=35, 36..64, >=65", () => {
    const x = poisson(key(702), 50, [N]);
    expectMoments(x, 50, 50);
    expect(poissonChiSquare(x, 50, 35, 65).p).toBeGreaterThan(0.001);
  });
  it("rates near the switch and extreme rates have the right moments", () => {
    for (const [rate, seed] of [
      [0.05, 703],
      [9.99, 704],
      [10, 705],
      [1e6, 706],
    ] as const) {
      expectMoments(poisson(key(seed), rate, [50_000]), rate, rate);
    }
    expect(Array.from(poisson(key(1), 0, [5]))).toEqual([0, 0, 0, 0, 0]);
    expect(() => poisson(key(1), -1, [2])).toThrow(RangeError);
  });
  it("accepts per-element rates", () => {
    const rates = Float64Array.from({ length: 40_000 }, (_, i) => (i % 2 === 0 ? 2 : 200));
    const x = poisson(key(707), rates, [40_000]);
    expectMoments(
      x.filter((_, i) => i % 2 === 0),
      2,
      2,
    );
    expectMoments(
      x.filter((_, i) => i % 2 === 1),
      200,
      200,
    );
  });
});

describe("categorical", () => {
  it("frequencies match softmax(logits) (chi-square) and -Infinity is never drawn", () => {
    const logits = Float64Array.of(0.5, -1, 2, 0, Number.NEGATIVE_INFINITY);
    const N = 100_000;
    const x = categorical(key(801), logits, [N]);
    const counts = [0, 0, 0, 0, 0];
    for (const c of x) counts[c]! += 1;
    expect(counts[4]).toBe(0);
    let z = 0;
    for (let c = 0; c < 4; c++) z += Math.exp(logits[c]!);
    const expected = [0, 1, 2, 3].map((c) => (N * Math.exp(logits[c]!)) / z);
    expect(chiSquareTest(counts.slice(0, 4), expected).p).toBeGreaterThan(0.001);
  });
  it("supports multi-dimensional shapes and validates logits", () => {
    expect(categorical(key(1), Float64Array.of(0, 0), [3, 4]).length).toBe(12);
    expect(() => categorical(key(1), Float64Array.of(Number.NaN), [1])).toThrow(RangeError);
    expect(() => categorical(key(1), Float64Array.of(Number.NEGATIVE_INFINITY), [1])).toThrow(
      RangeError,
    );
  });
});

describe("bernoulli", () => {
  it("frequency of ones matches p within 5 standard errors", () => {
    const N = 100_000;
    const x = bernoulli(key(901), 0.3, [N]);
    let ones = 0;
    for (const v of x) ones += v;
    expect(Math.abs(ones - 0.3 * N)).toBeLessThan(5 * Math.sqrt(N * 0.3 * 0.7));
    expect(Array.from(bernoulli(key(2), 0, [4]))).toEqual([0, 0, 0, 0]);
    expect(Array.from(bernoulli(key(2), 1, [4]))).toEqual([1, 1, 1, 1]);
    expect(Array.from(bernoulli(key(2), Float64Array.of(0, 1), [2]))).toEqual([0, 1]);
  });
});

describe("randint", () => {
  it("draws each value of [-3, 7) equally often (chi-square)", () => {
    const N = 100_000;
    const x = randint(key(1001), [N], -3, 7);
    const counts = new Array<number>(10).fill(0);
    for (const v of x) {
      expect(v >= -3 && v < 7).toBe(true);
      counts[v + 3]! += 1;
    }
    expect(chiSquareTest(counts, new Array<number>(10).fill(N / 10)).p).toBeGreaterThan(0.001);
  });
  it("follows JAX's two-word construction", () => {
    const k = key(1002);
    const [k1, k2] = split(k);
    const hi = randomBits(k1!, [50]);
    const lo = randomBits(k2!, [50]);
    const span = 1_000_003;
    const mult = ((65536 % span) * (65536 % span)) % span;
    const expected = Array.from(hi, (h, i) => {
      const a = Number((BigInt(h % span) * BigInt(mult)) % 2n ** 32n);
      return 5 + (((a + (lo[i]! % span)) % 2 ** 32) % span);
    });
    expect(Array.from(randint(k, [50], 5, 5 + span))).toEqual(expected);
  });
  it("handles degenerate and full ranges", () => {
    expect(Array.from(randint(key(3), [3], 4, 4))).toEqual([4, 4, 4]);
    expect(Array.from(randint(key(3), [3], 4, -10))).toEqual([4, 4, 4]);
    const full = randint(key(4), [10_000], -(2 ** 31), 2 ** 31);
    let negatives = 0;
    for (const v of full) if (v < 0) negatives++;
    expect(Math.abs(negatives - 5000)).toBeLessThan(5 * 50);
    expect(() => randint(key(3), [3], 0.5, 4)).toThrow(RangeError);
  });
});

describe("permutation", () => {
  it("is a permutation of 0..n-1 (1 and 2 sorting rounds)", () => {
    for (const n of [0, 1, 2, 10, 1000, 5000]) {
      const p = permutation(key(n + 1), n);
      expect(p.length).toBe(n);
      const sorted = Array.from(p).sort((a, b) => a - b);
      expect(sorted).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
  it("all 6 orderings of 3 items are equally likely (chi-square)", () => {
    const keys = split(key(1101), 12_000);
    const counts = new Map<string, number>();
    for (const k of keys) {
      const s = Array.from(permutation(k, 3)).join("");
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    expect(chiSquareTest([...counts.values()], new Array<number>(6).fill(2000)).p).toBeGreaterThan(
      0.001,
    );
  });
  it("position of an element is uniform for n = 10", () => {
    const keys = split(key(1102), 20_000);
    const counts = new Array<number>(10).fill(0);
    for (const k of keys) counts[permutation(k, 10).indexOf(0)]! += 1;
    expect(chiSquareTest(counts, new Array<number>(10).fill(2000)).p).toBeGreaterThan(0.001);
  });
});

describe("choice", () => {
  it("with replacement and no weights is randint(key, shape, 0, n)", () => {
    const k = key(1201);
    expect(choice(k, 17, [100])).toEqual(randint(k, [100], 0, 17));
  });
  it("without replacement gives distinct indices (a prefix of permutation)", () => {
    const k = key(1202);
    const c = choice(k, 50, [20], { replace: false });
    expect(new Set(c).size).toBe(20);
    expect(Array.from(c)).toEqual(Array.from(permutation(k, 50).slice(0, 20)));
    expect(() => choice(k, 5, [6], { replace: false })).toThrow(RangeError);
  });
  it("with replacement and weights matches p (chi-square), never picks p = 0", () => {
    const p = Float64Array.of(1, 0, 3, 6);
    const N = 100_000;
    const x = choice(key(1203), 4, [N], { p });
    const counts = [0, 0, 0, 0];
    for (const v of x) counts[v]! += 1;
    expect(counts[1]).toBe(0);
    const nz = [0, 2, 3];
    const stat = chiSquareTest(
      nz.map((i) => counts[i]!),
      nz.map((i) => (N * p[i]!) / 10),
    );
    expect(stat.p).toBeGreaterThan(0.001);
  });
  it("without replacement and weights: distinct, first draw ~ p (chi-square)", () => {
    const p = Float64Array.of(1, 2, 3, 4, 0);
    const keys = split(key(1204), 20_000);
    const first = [0, 0, 0, 0, 0];
    for (const k of keys) {
      const c = choice(k, 5, [3], { replace: false, p });
      expect(new Set(c).size).toBe(3);
      expect(Array.from(c)).not.toContain(4);
      first[c[0]!]! += 1;
    }
    expect(
      chiSquareTest(
        first.slice(0, 4),
        [1, 2, 3, 4].map((w) => 2000 * w),
      ).p,
    ).toBeGreaterThan(0.001);
    expect(() => choice(key(1), 5, [5], { replace: false, p })).toThrow(RangeError);
  });
});
