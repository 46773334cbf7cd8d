import { describe, expect, it } from "vitest";
import {
  foldIn,
  key,
  keyData,
  ndtri,
  randomBits,
  split,
  threefry2x32,
  uniform,
  wrapKeyData,
} from "../../src/random/index.js";

describe("threefry2x32 (20 rounds)", () => {
  // Known-answer vectors from the Random123 distribution (kat_vectors, threefry2x32_20).
  it("matches the Random123 known-answer vectors", () => {
    expect(threefry2x32(0, 0, 0, 0)).toEqual([0x6b200159, 0x99ba4efe]);
    expect(threefry2x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff)).toEqual([
      0x1cb996fc, 0xbb002be7,
    ]);
    // key (0x13198a2e, 0x03707344), counter (0x243f6a88, 0x85a308d3): digits of pi.
    expect(threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3)).toEqual([
      0xc4923a9c, 0x483df7a0,
    ]);
  });

  it("reduces inputs modulo 2^32", () => {
    expect(threefry2x32(-1, -1, -1, -1)).toEqual([0x1cb996fc, 0xbb002be7]);
    expect(threefry2x32(2 ** 32, 0, 0, 2 ** 32)).toEqual([0x6b200159, 0x99ba4efe]);
  });
});

describe("keys", () => {
  it("key(seed) is [high 32 bits, low 32 bits] of the 64-bit seed", () => {
    expect(Array.from(keyData(key(0)))).toEqual([0, 0]);
    expect(Array.from(keyData(key(42)))).toEqual([0, 42]);
    expect(Array.from(keyData(key(2 ** 32 + 7)))).toEqual([1, 7]);
    expect(Array.from(keyData(key(-1)))).toEqual([0xffffffff, 0xffffffff]);
    expect(Array.from(keyData(key(0xdeadbeefcafebaben)))).toEqual([0xdeadbeef, 0xcafebabe]);
    expect(Array.from(keyData(key(-(2n ** 63n))))).toEqual([0x80000000, 0]);
  });

  it("rejects invalid seeds and key data", () => {
    expect(() => key(0.5)).toThrow(RangeError);
    expect(() => key(2 ** 60)).toThrow(RangeError);
    expect(() => key(2n ** 64n)).toThrow(RangeError);
    expect(() => wrapKeyData([1])).toThrow(RangeError);
    expect(() => wrapKeyData([1, 2 ** 32])).toThrow(RangeError);
  });

  it("keys are frozen and keyData returns a copy", () => {
    const k = key(3);
    expect(Object.isFrozen(k)).toBe(true);
    const d = keyData(k);
    d[0] = 99;
    expect(Array.from(keyData(k))).toEqual([0, 3]);
    expect(wrapKeyData(keyData(k))).toEqual(k);
  });
});

/** Naive JAX threefry_2x32(key, iota(count)): explicit counter array, padding and concat. */
function naiveIota(k0: number, k1: number, count: number): number[] {
  const counts = Array.from({ length: count }, (_, i) => i);
  if (count % 2 === 1) counts.push(0);
  const m = counts.length / 2;
  const y0: number[] = [];
  const y1: number[] = [];
  for (let i = 0; i < m; i++) {
    const [a, b] = threefry2x32(k0, k1, counts[i]!, counts[m + i]!);
    y0.push(a);
    y1.push(b);
  }
  return [...y0, ...y1].slice(0, count);
}

describe("JAX constructions", () => {
  it("split(key(0)) equals jax.random.split(jax.random.PRNGKey(0))", () => {
    expect(split(key(0)).map((k) => Array.from(keyData(k)))).toEqual([
      [4146024105, 967050713],
      [2718843009, 1272950319],
    ]);
  });

  it("split(key, n) is threefry_2x32(key, iota(2n)) reshaped to (n, 2)", () => {
    const k = key(1234);
    for (const n of [1, 3, 4, 7]) {
      const flat = naiveIota(k.k0, k.k1, 2 * n);
      const keys = split(k, n).map((s) => Array.from(keyData(s)));
      expect(keys).toEqual(Array.from({ length: n }, (_, i) => [flat[2 * i], flat[2 * i + 1]]));
    }
    expect(split(k, 0)).toEqual([]);
  });

  it("foldIn(key, d) is the block threefry_2x32(key, (0, d))", () => {
    const k = key(77);
    expect(Array.from(keyData(foldIn(k, 5)))).toEqual(threefry2x32(k.k0, k.k1, 0, 5));
    expect(foldIn(k, -1)).toEqual(foldIn(k, 0xffffffff));
    expect(foldIn(k, 1)).not.toEqual(foldIn(k, 2));
  });

  it("randomBits is threefry_2x32(key, iota(n)) for even and odd n", () => {
    const k = key(99);
    for (const n of [0, 1, 2, 5, 8, 11]) {
      expect(Array.from(randomBits(k, [n]))).toEqual(naiveIota(k.k0, k.k1, n));
    }
    expect(randomBits(k, [2, 3])).toEqual(randomBits(k, [6]));
  });

  it("scalar draws reproduce jax.random.uniform/normal(PRNGKey(0)) in float32 (pre-0.5 JAX)", () => {
    // JAX float32 uniform: 23 mantissa bits = bits >>> 9; jax.random.uniform(PRNGKey(0)) printed
    // 0.41845703 and jax.random.normal(PRNGKey(0)) printed -0.20584226 before JAX 0.5.
    const bits = randomBits(key(0), []);
    expect(bits[0]).toBe(0x6b200159);
    const u = (bits[0]! >>> 9) / 2 ** 23;
    expect(u).toBe(0.41845703125);
    expect(ndtri(u)).toBeCloseTo(-0.20584226, 6);
  });

  it("uniform takes the top 52 bits of the 64-bit words (y0(i, n+i), y1(i, n+i))", () => {
    const k = key(5);
    const n = 9;
    const u = uniform(k, [n]);
    for (let i = 0; i < n; i++) {
      const [hi, lo] = threefry2x32(k.k0, k.k1, i, n + i);
      const m = BigInt(hi) * 2n ** 20n + (BigInt(lo) >> 12n);
      expect(u[i]).toBe(Number(m) / 2 ** 52);
    }
  });
});
