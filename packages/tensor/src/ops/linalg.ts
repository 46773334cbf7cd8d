/**
 * Linear algebra over the last two axes (leading axes are batch axes): matmul with
 * broadcast batches, cholesky, triangularSolve, solve, inv, slogdet/logdet, outer, dot.
 * Kernels come from `../kernels`; VJPs are written with these ops.
 *
 * Like JAX, factorisations of invalid inputs (cholesky of a non positive-definite
 * matrix, solve with a singular matrix) return NaN-filled results instead of throwing,
 * so a sampler can reject the point; `isPositiveDefinite` is there for explicit checks.
 */
import { apply } from "../core/apply.js";
import { toTensor } from "../core/create.js";
import { ShapeError } from "../core/errors.js";
import type { Primitive } from "../core/primitive.js";
import { broadcastIndexMap, broadcastShapes, fmtShape, type Shape, sizeOf } from "../core/shape.js";
import type { Tensor, TensorLike } from "../core/tensor.js";
import {
  batchedMatmul,
  choleskyLower,
  inverse,
  luFactor,
  luSolve,
  slogdet as slogdetKernel,
  triangularSolve as triSolveKernel,
} from "../kernels/index.js";
import { add, mul, neg } from "./elementwise.js";
import { sum } from "./reduce.js";
import { FILL, transpose as permute, reshape } from "./shape-ops.js";

const batchOf = (s: Shape) => s.slice(0, -2);
const rows = (s: Shape) => s[s.length - 2];
const cols = (s: Shape) => s[s.length - 1];
/** Swaps the last two axes. */
export function matrixTranspose(x: TensorLike): Tensor {
  const t = toTensor(x);
  if (t.rank < 2)
    throw new ShapeError("matrixTranspose", `needs rank >= 2, got ${fmtShape(t.shape)}`);
  const perm = t.shape.map((_, i) => i);
  perm[t.rank - 2] = t.rank - 1;
  perm[t.rank - 1] = t.rank - 2;
  return permute(t, perm);
}

// ---------------- matmul ----------------
interface MatmulAttrs {
  readonly transA: boolean;
  readonly transB: boolean;
}
function matmulGeometry(sa: Shape, sb: Shape, a: MatmulAttrs) {
  const m = a.transA ? cols(sa) : rows(sa);
  const k = a.transA ? rows(sa) : cols(sa);
  const kb = a.transB ? cols(sb) : rows(sb);
  const n = a.transB ? rows(sb) : cols(sb);
  if (k !== kb)
    throw new ShapeError(
      "matmul",
      `inner dimensions differ: ${fmtShape(sa)} @ ${fmtShape(sb)} (${k} vs ${kb})`,
    );
  const batch = broadcastShapes("matmul", batchOf(sa), batchOf(sb));
  return { m, k, n, batch };
}
export const MATMUL: Primitive<MatmulAttrs> = {
  name: "matmul",
  outShape: ([sa, sb], a) => {
    if (sa.length < 2 || sb.length < 2)
      throw new ShapeError("matmul", "operands must have rank >= 2");
    const { m, n, batch } = matmulGeometry(sa, sb, a);
    return [...batch, m, n];
  },
  run: ([x, y], [sa, sb], out, _o, a) => {
    const { m, k, n, batch } = matmulGeometry(sa, sb, a);
    const nb = sizeOf(batch);
    const sizeA = rows(sa) * cols(sa);
    const sizeB = rows(sb) * cols(sb);
    const ba = sizeOf(batchOf(sa));
    const bb = sizeOf(batchOf(sb));
    if ((ba === nb || ba === 1) && (bb === nb || bb === 1)) {
      batchedMatmul(
        nb,
        x,
        0,
        ba === 1 ? 0 : sizeA,
        y,
        0,
        bb === 1 ? 0 : sizeB,
        out,
        0,
        m * n,
        m,
        k,
        n,
        a.transA,
        a.transB,
      );
      return;
    }
    const mapA = broadcastIndexMap(batchOf(sa), batch);
    const mapB = broadcastIndexMap(batchOf(sb), batch);
    for (let t = 0; t < nb; t++)
      batchedMatmul(
        1,
        x,
        mapA[t] * sizeA,
        0,
        y,
        mapB[t] * sizeB,
        0,
        out,
        t * m * n,
        0,
        m,
        k,
        n,
        a.transA,
        a.transB,
      );
  },
  vjp: (g, [x, y], _o, { transA, transB }) => {
    const gx = transA ? mm(y, g, transB, true) : mm(g, y, false, !transB);
    const gy = transB ? mm(g, x, true, transA) : mm(x, g, !transA, false);
    return [gx, gy];
  },
  attrsKey: (a) => `${a.transA}|${a.transB}`,
};
function mm(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  return apply(MATMUL, [a, b], { transA, transB });
}

/**
 * Matrix product with NumPy's matmul rules: 1-D operands are promoted to a row
 * (left) or column (right) and the added axis removed; leading axes broadcast.
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  let x = toTensor(a);
  let y = toTensor(b);
  if (x.rank === 0 || y.rank === 0)
    throw new ShapeError("matmul", "scalars are not allowed; use mul");
  const vecA = x.rank === 1;
  const vecB = y.rank === 1;
  if (vecA) x = reshape(x, [1, x.size]);
  if (vecB) y = reshape(y, [y.size, 1]);
  let out = mm(x, y, false, false);
  if (vecA || vecB) {
    const s = [...out.shape];
    if (vecB) s.splice(s.length - 1, 1);
    if (vecA) s.splice(s.length - (vecB ? 1 : 2), 1);
    out = reshape(out, s);
  }
  return out;
}
/** Outer product of two vectors. */
export function outer(a: TensorLike, b: TensorLike): Tensor {
  const x = toTensor(a);
  const y = toTensor(b);
  return mul(reshape(x, [x.size, 1]), reshape(y, [1, y.size]));
}
/** Dot product of vectors (sum of products); matrices fall back to matmul. */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  const x = toTensor(a);
  const y = toTensor(b);
  if (x.rank === 1 && y.rank === 1) return sum(mul(x, y));
  return matmul(x, y);
}

// ---------------- helpers for square batched ops ----------------
function squareGeometry(op: string, s: Shape): { n: number; nb: number } {
  if (s.length < 2 || rows(s) !== cols(s))
    throw new ShapeError(op, `expects square matrices in the last two axes, got ${fmtShape(s)}`);
  return { n: rows(s), nb: sizeOf(batchOf(s)) };
}
const trilMaskCache = new Map<string, Tensor>();
/** Lower-triangular mask with `diag` on the diagonal (a constant). */
function triMask(n: number, lower: boolean, diag: number): Tensor {
  const key = `${n}|${lower}|${diag}`;
  let m = trilMaskCache.get(key);
  if (!m) {
    m = apply(FILL, [], { shape: [n, n], value: 0 });
    const buf = m._buf;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        buf[i * n + j] = i === j ? diag : lower ? (j < i ? 1 : 0) : j > i ? 1 : 0;
    trilMaskCache.set(key, m);
  }
  return m;
}

// ---------------- cholesky ----------------
export const CHOLESKY: Primitive<undefined> = {
  name: "cholesky",
  outShape: ([s]) => {
    squareGeometry("cholesky", s);
    return s;
  },
  run: ([a], [s], out) => {
    const { n, nb } = squareGeometry("cholesky", s);
    for (let t = 0; t < nb; t++) {
      const off = t * n * n;
      if (!choleskyLower(a, off, n, out, off)) out.fill(Number.NaN, off, off + n * n);
    }
  },
  vjp: (g, _x, l) => {
    // Murray (2016), "Differentiation of the Cholesky decomposition", eq. 10:
    // P = Φ(Lᵀ Ḡ), S = L⁻ᵀ P L⁻¹, Ā = ½ (S + Sᵀ), Φ = lower triangle with halved diagonal.
    const n = cols(l.shape);
    const p = mul(mm(l, g, true, false), triMask(n, true, 0.5));
    const x = triangularSolve(l, p, { lower: true, transpose: true });
    const s = matrixTranspose(
      triangularSolve(l, matrixTranspose(x), { lower: true, transpose: true }),
    );
    return [mul(add(s, matrixTranspose(s)), 0.5)];
  },
};
/** Lower Cholesky factor L with A = L Lᵀ (NaN where A is not positive definite). */
export function cholesky(a: TensorLike): Tensor {
  return apply(CHOLESKY, [toTensor(a)], undefined);
}

// ---------------- triangular solve ----------------
export interface TriangularSolveOptions {
  /** L is lower triangular (default true). */
  readonly lower?: boolean;
  /** Solve with the transpose of the triangular matrix. */
  readonly transpose?: boolean;
  readonly unitDiagonal?: boolean;
}
interface TriAttrs {
  readonly lower: boolean;
  readonly transpose: boolean;
  readonly unitDiagonal: boolean;
}
export const TRIANGULAR_SOLVE: Primitive<TriAttrs> = {
  name: "triangularSolve",
  outShape: ([sl, sb]) => {
    const { n } = squareGeometry("triangularSolve", sl);
    if (
      sb.length < 2 ||
      rows(sb) !== n ||
      sb.length !== sl.length ||
      batchOf(sb).some((d, i) => d !== sl[i])
    )
      throw new ShapeError(
        "triangularSolve",
        `right-hand side ${fmtShape(sb)} does not match ${fmtShape(sl)}`,
      );
    return sb;
  },
  run: ([l, b], [sl, sb], out, _o, a) => {
    const { n, nb } = squareGeometry("triangularSolve", sl);
    const nrhs = cols(sb);
    for (let t = 0; t < nb; t++) {
      const ok = triSolveKernel(l, t * n * n, n, b, t * n * nrhs, nrhs, out, t * n * nrhs, a);
      if (!ok) out.fill(Number.NaN, t * n * nrhs, (t + 1) * n * nrhs);
    }
  },
  vjp: (g, [l], x, a) => {
    // X = op(L)⁻¹ B  ⇒  B̄ = op(L)⁻ᵀ X̄,  op(L)̄ = -B̄ Xᵀ, masked to L's triangle.
    const gb = apply(TRIANGULAR_SOLVE, [l, g], { ...a, transpose: !a.transpose });
    const gop = neg(mm(gb, x, false, true));
    const gl = a.transpose ? matrixTranspose(gop) : gop;
    const n = cols(l.shape);
    return [mul(gl, triMask(n, a.lower, a.unitDiagonal ? 0 : 1)), gb];
  },
  attrsKey: (a) => `${a.lower}|${a.transpose}|${a.unitDiagonal}`,
};
/** Solves op(T) X = B for triangular T; B may be a vector (then X is a vector). */
export function triangularSolve(
  t: TensorLike,
  b: TensorLike,
  options: TriangularSolveOptions = {},
): Tensor {
  const tt = toTensor(t);
  let bt = toTensor(b);
  const vec = bt.rank === tt.rank - 1;
  if (vec) bt = reshape(bt, [...bt.shape, 1]);
  const out = apply(TRIANGULAR_SOLVE, [tt, bt], {
    lower: options.lower ?? true,
    transpose: options.transpose ?? false,
    unitDiagonal: options.unitDiagonal ?? false,
  });
  return vec ? reshape(out, out.shape.slice(0, -1)) : out;
}

// ---------------- solve (LU) ----------------
export const SOLVE: Primitive<undefined> = {
  name: "solve",
  outShape: ([sa, sb]) => {
    const { n } = squareGeometry("solve", sa);
    if (sb.length !== sa.length || rows(sb) !== n)
      throw new ShapeError(
        "solve",
        `right-hand side ${fmtShape(sb)} does not match ${fmtShape(sa)}`,
      );
    return sb;
  },
  run: ([a, b], [sa, sb], out) => {
    const { n, nb } = squareGeometry("solve", sa);
    const nrhs = cols(sb);
    const lu = new Float64Array(n * n);
    const piv = new Int32Array(n);
    for (let t = 0; t < nb; t++) {
      const sign = luFactor(a, t * n * n, n, lu, piv);
      const ok = sign !== 0 && luSolve(lu, 0, n, piv, b, t * n * nrhs, nrhs, out, t * n * nrhs);
      if (!ok) out.fill(Number.NaN, t * n * nrhs, (t + 1) * n * nrhs);
    }
  },
  vjp: (g, [a], x) => {
    const gb = apply(SOLVE, [matrixTranspose(a), g], undefined);
    return [neg(mm(gb, x, false, true)), gb];
  },
};
/** Solves A X = B by LU with partial pivoting; B may be a vector. */
export function solve(a: TensorLike, b: TensorLike): Tensor {
  const at = toTensor(a);
  let bt = toTensor(b);
  const vec = bt.rank === at.rank - 1;
  if (vec) bt = reshape(bt, [...bt.shape, 1]);
  const out = apply(SOLVE, [at, bt], undefined);
  return vec ? reshape(out, out.shape.slice(0, -1)) : out;
}

// ---------------- inverse ----------------
export const INV: Primitive<undefined> = {
  name: "inv",
  outShape: ([s]) => {
    squareGeometry("inv", s);
    return s;
  },
  run: ([a], [s], out) => {
    const { n, nb } = squareGeometry("inv", s);
    const lu = new Float64Array(n * n);
    const piv = new Int32Array(n);
    for (let t = 0; t < nb; t++) {
      const off = t * n * n;
      if (!inverse(a, off, n, out, off, lu, piv)) out.fill(Number.NaN, off, off + n * n);
    }
  },
  vjp: (g, _x, inv) => [neg(mm(inv, mm(g, inv, false, true), true, false))],
};
/** Matrix inverse (NaN for singular matrices). Prefer `solve` for linear systems. */
export function inv(a: TensorLike): Tensor {
  return apply(INV, [toTensor(a)], undefined);
}

// ---------------- log-determinant ----------------
interface DetAttrs {
  readonly part: "sign" | "logabs";
}
export const SLOGDET: Primitive<DetAttrs> = {
  name: "slogdet",
  outShape: ([s]) => {
    squareGeometry("slogdet", s);
    return batchOf(s);
  },
  run: ([a], [s], out, _o, attrs) => {
    const { n, nb } = squareGeometry("slogdet", s);
    const lu = new Float64Array(n * n);
    const piv = new Int32Array(n);
    for (let t = 0; t < nb; t++) {
      const r = slogdetKernel(a, t * n * n, n, lu, piv);
      out[t] = attrs.part === "sign" ? r.sign : r.logAbsDet;
    }
  },
  // d log|det A| / dA = A⁻ᵀ
  vjp: (g, [a], _o, attrs) =>
    attrs.part === "sign" ? [null] : [mul(reshape(g, [...g.shape, 1, 1]), matrixTranspose(inv(a)))],
  attrsKey: (a) => a.part,
};
/** Sign and log of the absolute determinant (NumPy's slogdet); differentiable in logAbsDet. */
export function slogdet(a: TensorLike): { sign: Tensor; logAbsDet: Tensor } {
  const t = toTensor(a);
  return {
    sign: apply({ ...SLOGDET, nondifferentiable: true }, [t], { part: "sign" }),
    logAbsDet: apply(SLOGDET, [t], { part: "logabs" }),
  };
}
/** log det A for matrices with positive determinant (NaN otherwise). */
export function logdet(a: TensorLike): Tensor {
  const { sign, logAbsDet } = slogdet(a);
  return mul(logAbsDet, apply(SIGN_TO_NAN, [sign], undefined));
}
const SIGN_TO_NAN: Primitive<undefined> = {
  name: "signToNaN",
  elementwise: 1,
  nondifferentiable: true,
  outShape: ([s]) => s,
  run: ([x], _s, out) => {
    for (let i = 0; i < x.length; i++) out[i] = x[i] > 0 ? 1 : Number.NaN;
  },
  expr: ([x]) => `(${x} > 0 ? 1 : NaN)`,
};
