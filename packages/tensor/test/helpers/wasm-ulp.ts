/**
 * Test points and the ulp comparison for the vectorised wasm math functions against
 * Math.*: random bit patterns over the whole double range (subnormals, huge values,
 * both signs), uniform points over each function's useful domain, log-uniform tiny
 * arguments, and a fixed list of edges (±0, ±min subnormal, ±max, ±Infinity, NaN,
 * overflow and underflow thresholds).
 */
import { binaryenIfLoaded, loadWasmBackend } from "../../src/compile/wasm/binaryen.js";
import {
  type MathArrayKernels,
  type MathFunctionName,
  mathArrayKernels,
} from "../../src/compile/wasm/math/array-kernels.js";
import { ulpDistance } from "./ulp.js";

export const EDGES: readonly number[] = [
  0,
  -0,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  -2.2250738585072014e-308,
  2.225073858507201e-308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Infinity,
  -Infinity,
  Number.NaN,
  1,
  -1,
  2,
  0.5,
  -0.5,
  Math.LN2,
  -Math.LN2,
  Math.LN2 / 2,
  -Math.LN2 / 2,
  709.782712893384,
  709.7827128933841,
  -745.1332191019411,
  -745.1332191019412,
  -708.3964185322641,
  -40,
  -37.5,
  710,
  -746,
  1e-300,
  2 ** -54,
  -(2 ** -54),
  2 ** -53,
  1 + 2 ** -52,
  1 - 2 ** -53,
  -1 + 2 ** -53,
  Math.SQRT2,
  Math.SQRT1_2,
  0.2928932188134524,
  -0.2928932188134524,
  0.41421356237309503,
];

const DOMAIN: Record<MathFunctionName, [number, number]> = {
  exp: [-746, 710],
  expm1: [-45, 710],
  log: [0, 4],
  log1p: [-1, 4],
};

/** `count` test points for `name` from a fixed seed (edges first). */
export function testPoints(name: MathFunctionName, count: number, seed: number): Float64Array {
  let s = seed >>> 0 || 1;
  const u32 = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const uniform = () => (u32() + 0.5) / 4294967296;
  const out = new Float64Array(count);
  const bits = new Uint32Array(out.buffer);
  const [lo, hi] = DOMAIN[name];
  const start = Math.min(EDGES.length, count);
  out.set(EDGES.slice(0, start));
  for (let i = start; i < count; i++) {
    switch (i % 4) {
      case 0: // any double: random bit pattern (NaNs included)
        bits[2 * i] = u32();
        bits[2 * i + 1] = u32();
        break;
      case 1:
        out[i] = lo + (hi - lo) * uniform();
        break;
      case 2: // tiny to moderate magnitudes, both signs
        out[i] = (uniform() < 0.5 ? -1 : 1) * 2 ** (-1074 + 1080 * uniform() ** 0.25);
        break;
      default: // near the centre of the reduction
        out[i] = (uniform() - 0.5) * 2 ** (4 - 60 * uniform());
    }
  }
  return out;
}

export interface UlpReport {
  readonly name: MathFunctionName;
  readonly points: number;
  readonly maxUlp: number;
  readonly worstInput: number;
  readonly meanUlp: number;
}

/** Max and mean ulp distance of the wasm function from Math[name] on `points`. */
export function measureUlp(
  kernels: MathArrayKernels,
  name: MathFunctionName,
  points: Float64Array,
): UlpReport {
  const ref = Math[name];
  const got = new Float64Array(kernels.capacity);
  let maxUlp = 0;
  let worstInput = Number.NaN;
  let total = 0;
  for (let off = 0; off < points.length; off += kernels.capacity) {
    const chunk = points.subarray(off, off + kernels.capacity);
    kernels.apply(name, chunk, got);
    for (let i = 0; i < chunk.length; i++) {
      const d = ulpDistance(got[i], ref(chunk[i]));
      total += d;
      if (d > maxUlp || (Number.isNaN(worstInput) && d === maxUlp && i + off === 0)) {
        maxUlp = d;
        worstInput = chunk[i];
      }
    }
  }
  return { name, points: points.length, maxUlp, worstInput, meanUlp: total / points.length };
}

/** Loads binaryen and builds the math kernel module for arrays of `capacity` elements. */
export async function loadMathKernels(capacity: number): Promise<MathArrayKernels> {
  await loadWasmBackend();
  const b = binaryenIfLoaded();
  if (!b) throw new Error("binaryen did not load");
  return mathArrayKernels(b, capacity);
}
