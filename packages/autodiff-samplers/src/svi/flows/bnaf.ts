/**
 * Block Neural Autoregressive Flow (BNAF; De Cao, Titov & Aziz 2019, "Block Neural
 * Autoregressive Flow", UAI, arXiv:1904.04676) as a differentiable tensor computation.
 *
 * One BNAF stage is the network
 *
 *   z ∈ ℝᵈ → MaskedBlockLinear(d → a₁d) → tanh → … → MaskedBlockLinear(a_Kd → d) → y,
 *
 * (defaults a = [8, 8], NumPyro's `AutoBNAFNormal(hidden_factors=[8, 8])`). Each masked
 * block-linear layer with input factor p and output factor q has a weight matrix
 * W ∈ ℝ^{dp×dq} seen as d×d blocks of size p×q (rows = inputs, columns = outputs, the
 * transposed layout of the paper's eq. 8):
 *
 *   w = exp(W) on the diagonal blocks, W on the blocks with input block < output block,
 *       0 on the blocks with input block > output block;
 *   ŵ_{·k} = exp(s_k) · w_{·k} / ‖w_{·k}‖₂        (weight normalisation, paper eq. 10);
 *   layer(h) = h ŵ + b.
 *
 * Output block i depends only on input blocks j ≤ i, and the diagonal blocks are positive,
 * so the whole stage is autoregressive (∂y_i/∂z_j = 0 for j > i) with ∂y_i/∂z_i > 0: a
 * bijection of ℝᵈ onto its image (tanh is strictly increasing; the last layer maps back to d
 * outputs). As in the paper and NumPyro, the image of a stage without residual is bounded
 * (y_i is an affine function of tanh outputs), which does not matter for sampling-based VI,
 * where only the forward direction and its log-determinant are used.
 *
 * Log-determinant (paper eq. 11–12): the Jacobian is lower triangular, so
 * log|det J| = Σᵢ log ∂y_i/∂z_i, and ∂y_i/∂z_i is the product of the diagonal blocks of the
 * layers' Jacobians (1×a₁, a₁×a₂, …, a_K×1). Each diagonal block of a linear layer has log
 * entries s_k + W_jk − log‖w_{·k}‖, the tanh layers add log(1 − tanh²(x)) =
 * 2(log 2 − x − softplus(−2x)) to each column, and the block products are evaluated in log
 * space with a log-sum-exp over the shared index (the paper's "logmatmulexp"), all entries of
 * the blocks being positive. Everything is batched over the n points: one matmul per layer,
 * one [n, d, p, q] log-sum-exp per layer after the first.
 *
 * Stacking (`numFlows > 1`): following NumPyro's `AutoBNAFNormal`, the order of the
 * coordinates is reversed before every stage after the first, and every stage but the last
 * has a gated residual y = σ(g)·f(x) + (1 − σ(g))·x with a learnable scalar g, whose
 * diagonal log-derivative is softplus(ℓᵢ + g) − softplus(g) (ℓᵢ = log ∂fᵢ/∂xᵢ). With the
 * default `numFlows = 1` there is no permutation and no residual, so the transform itself is
 * lower triangular in the input ordering; the reversal between stages keeps each stage
 * triangular but makes the composition dense (still a bijection with
 * log|det| = Σ stages).
 *
 * Initialisation (paper's reference implementation, as NumPyro's `BlockMaskedDense`): in
 * output block i the rows of input blocks 0..i are drawn Glorot-uniform,
 * U(±√(6 / ((i+1)p + q))), the others are 0; s = log U(0, 1); b ~ U(±1/√(dq)); the gate
 * g ~ N(0, 1).
 */
import { normal, type PRNGKey, split, uniform } from "@sidereal/distributions";
import {
  add,
  broadcastTo,
  exp,
  expandDims,
  flip,
  log,
  logsumexp,
  matmul,
  mul,
  reshape,
  type Shape,
  sigmoid,
  softplus,
  square,
  sub,
  sum,
  type Tensor,
  take,
  tanh,
  tensor,
  transpose,
} from "@sidereal/tensor";
import {
  checkCount,
  checkDim,
  checkSizes,
  type FlowOutput,
  type FlowParamShape,
  type FlowParams,
  flattenBatch,
  getParam,
  inputDim,
} from "./flowParams.js";

/** Named BNAF parameters (see {@link bnafParamShapes} for names and shapes). */
export interface BnafParams {
  readonly [name: string]: Tensor;
}

/** Options of the BNAF transform. */
export interface BnafOptions {
  /** Hidden units per dimension of each hidden layer (the paper's a, b); default [8, 8]. */
  readonly hiddenFactors?: readonly number[];
  /** Number of stacked BNAF stages; default 1 (NumPyro's `AutoBNAFNormal` default). */
  readonly numFlows?: number;
}

const FLOW = "bnaf";
const DEFAULT_HIDDEN: readonly number[] = [8, 8];

interface Resolved {
  readonly factors: readonly number[];
  readonly numFlows: number;
}

function resolve(dim: number, options: BnafOptions | undefined): Resolved {
  checkDim(dim, 1, FLOW);
  const hidden = options?.hiddenFactors ?? DEFAULT_HIDDEN;
  checkSizes(hidden, "hiddenFactors", FLOW);
  const numFlows = options?.numFlows ?? 1;
  checkCount(numFlows, "numFlows", FLOW);
  return { factors: [1, ...hidden, 1], numFlows };
}

const wName = (f: number, l: number) => `bnaf${f}_w${l}`;
const sName = (f: number, l: number) => `bnaf${f}_logScale${l}`;
const bName = (f: number, l: number) => `bnaf${f}_b${l}`;
const gName = (f: number) => `bnaf${f}_gate`;

/**
 * Names and shapes of the BNAF parameters, in canonical order: for each stage f and layer l,
 * `bnaf{f}_w{l}` [d·p, d·q] (block weights; entries above the block diagonal are unused and get
 * zero gradient), `bnaf{f}_logScale{l}` [d·q] (weight-norm log scales s), `bnaf{f}_b{l}` [d·q]
 * (biases); then `bnaf{f}_gate` [] for every stage but the last. Throws a `FlowError` for a
 * bad `dim` or bad options.
 */
export function bnafParamShapes(dim: number, options?: BnafOptions): readonly FlowParamShape[] {
  const { factors, numFlows } = resolve(dim, options);
  const out: FlowParamShape[] = [];
  for (let f = 0; f < numFlows; f++) {
    for (let l = 0; l + 1 < factors.length; l++) {
      const p = factors[l];
      const q = factors[l + 1];
      out.push({ name: wName(f, l), shape: [dim * p, dim * q] });
      out.push({ name: sName(f, l), shape: [dim * q] });
      out.push({ name: bName(f, l), shape: [dim * q] });
    }
    if (f < numFlows - 1) out.push({ name: gName(f), shape: [] });
  }
  return out;
}

/** Names of the BNAF parameters, in the order of {@link bnafParamShapes}. */
export function bnafParamNames(dim: number, options?: BnafOptions): readonly string[] {
  return bnafParamShapes(dim, options).map((s) => s.name);
}

/**
 * Draws initial BNAF parameters (see the module comment for the distributions). Deterministic
 * in `rngKey`. Throws a `FlowError` for a bad `dim` or bad options.
 */
export function initBnafParams(rngKey: PRNGKey, dim: number, options?: BnafOptions): BnafParams {
  const { factors, numFlows } = resolve(dim, options);
  const params: Record<string, Tensor> = {};
  const flowKeys = split(rngKey, numFlows);
  const numLayers = factors.length - 1;
  for (let f = 0; f < numFlows; f++) {
    const keys = split(flowKeys[f], 3 * numLayers + 1);
    for (let l = 0; l < numLayers; l++) {
      const p = factors[l];
      const q = factors[l + 1];
      const inDim = dim * p;
      const outDim = dim * q;
      const u = uniform(keys[3 * l], [inDim, outDim], -1, 1);
      const w = new Float64Array(inDim * outDim);
      for (let i = 0; i < dim; i++) {
        const limit = Math.sqrt(6 / ((i + 1) * p + q));
        for (let r = 0; r < (i + 1) * p; r++)
          for (let c = i * q; c < (i + 1) * q; c++) w[r * outDim + c] = limit * u[r * outDim + c];
      }
      const s = uniform(keys[3 * l + 1], [outDim]);
      for (let k = 0; k < outDim; k++) s[k] = Math.log(1 - s[k]); // log U(0, 1], finite
      const bound = 1 / Math.sqrt(outDim);
      const b = uniform(keys[3 * l + 2], [outDim], -bound, bound);
      params[wName(f, l)] = tensor(w, [inDim, outDim]);
      params[sName(f, l)] = tensor(s, [outDim]);
      params[bName(f, l)] = tensor(b, [outDim]);
    }
    if (f < numFlows - 1) params[gName(f)] = tensor(normal(keys[3 * numLayers], [1]), []);
  }
  return params;
}

/** Constant masks and the diagonal-block gather index of one block layer. */
interface BlockConstants {
  /** 1 on the blocks with input block < output block, [dp, dq]. */
  readonly maskO: Tensor;
  /** Flat indices of the diagonal blocks, [d, p, q]. */
  readonly diagIndex: Tensor;
}

const constantsCache = new Map<string, BlockConstants>();

function blockConstants(dim: number, p: number, q: number): BlockConstants {
  const cacheKey = `${dim}|${p}|${q}`;
  const hit = constantsCache.get(cacheKey);
  if (hit) return hit;
  const inDim = dim * p;
  const outDim = dim * q;
  const maskO = new Float64Array(inDim * outDim);
  for (let r = 0; r < inDim; r++)
    for (let c = 0; c < outDim; c++) {
      const bi = Math.floor(r / p);
      const bo = Math.floor(c / q);
      if (bi < bo) maskO[r * outDim + c] = 1;
    }
  const idx = new Float64Array(dim * p * q);
  for (let i = 0; i < dim; i++)
    for (let a = 0; a < p; a++)
      for (let c = 0; c < q; c++) idx[(i * p + a) * q + c] = (i * p + a) * outDim + i * q + c;
  const consts: BlockConstants = {
    maskO: tensor(maskO, [inDim, outDim]),
    diagIndex: tensor(idx, [dim, p, q]),
  };
  if (constantsCache.size > 64) constantsCache.clear();
  constantsCache.set(cacheKey, consts);
  return consts;
}

/** log(1 − tanh²(x)) = 2(log 2 − x − softplus(−2x)), stable for all x. */
function logTanhDerivative(x: Tensor): Tensor {
  return mul(sub(sub(Math.LN2, x), softplus(mul(x, -2))), 2);
}

/**
 * One BNAF stage on h [n, d]: returns the output [n, d] and ℓ [n, d], ℓᵢ = log ∂yᵢ/∂hᵢ.
 */
function bnafStage(
  params: FlowParams,
  f: number,
  h0: Tensor,
  dim: number,
  factors: readonly number[],
): { readonly y: Tensor; readonly logDiag: Tensor } {
  const n = h0.shape[0];
  let h = h0;
  // Accumulated log of the diagonal-block Jacobian products, [n, d, q] (the input factor of
  // the first layer is 1 and is dropped).
  let acc: Tensor | null = null;
  const numLayers = factors.length - 1;
  for (let l = 0; l < numLayers; l++) {
    const p = factors[l];
    const q = factors[l + 1];
    const inDim = dim * p;
    const outDim = dim * q;
    const W = getParam(params, { name: wName(f, l), shape: [inDim, outDim] }, FLOW);
    const s = getParam(params, { name: sName(f, l), shape: [outDim] }, FLOW);
    const b = getParam(params, { name: bName(f, l), shape: [outDim] }, FLOW);
    const { maskO, diagIndex } = blockConstants(dim, p, q);
    // Only the d·p·q diagonal-block entries go through exp; the free blocks are W ⊙ M_o, and
    // the block-diagonal part of h·w is a batched [d] × ([n, p] · [p, q]) product. This keeps
    // the elementwise work on the full dp×dq matrix to one mask, one square and a reduction.
    const diagRaw = take(reshape(W, [inDim * outDim]), diagIndex); // [d, p, q]
    const off = mul(W, maskO); // [dp, dq]
    const normSq = add(sum(square(off), 0), reshape(sum(exp(mul(diagRaw, 2)), 1), [outDim]));
    const logGain = sub(s, mul(log(normSq), 0.5)); // s_k − log‖w_·k‖, [dq]
    // log of the normalised diagonal blocks: W_jk + s_k − log‖w_·k‖, [d, p, q] — also the
    // log-Jacobian blocks of the layer
    const blocks = add(diagRaw, reshape(logGain, [dim, 1, q]));
    const hBlocks = transpose(reshape(h, [n, dim, p]), [1, 0, 2]); // [d, n, p]
    const diagPart = reshape(
      transpose(matmul(hBlocks, exp(blocks)), [1, 0, 2]), // [n, d, q]
      [n, outDim],
    );
    const pre = add(add(mul(matmul(h, off), exp(logGain)), diagPart), b); // [n, dq]
    let next: Tensor;
    if (acc === null) {
      next = broadcastTo(reshape(blocks, [dim, q]), [n, dim, q]);
    } else {
      // log( exp(acc) · exp(blocks) ) per dimension: [n, d, p, 1] + [d, p, q] → lse over p
      next = logsumexp(add(expandDims(acc, -1), blocks), -2);
    }
    if (l < numLayers - 1) {
      next = add(next, reshape(logTanhDerivative(pre), [n, dim, q]));
      h = tanh(pre);
    } else {
      h = pre;
    }
    acc = next;
  }
  // acc: [n, d, 1]
  const logDiag = reshape(acc as Tensor, [n, dim]);
  return { y: h, logDiag };
}

/**
 * The BNAF transform y = T(z) of points z `[..., d]` (usually `[n, d]`) and
 * log|det ∂T/∂z| per point (shape `[...]`). Differentiable in the parameters and in z with
 * the tensor autodiff, and traceable by `compile` (no branching on values). Throws a
 * `FlowError` when z's last axis is not d = the parameters' dimension, or when a parameter is
 * missing or mis-shaped. `options` must match those given to {@link initBnafParams}.
 */
export function bnafForward(params: BnafParams, z: Tensor, options?: BnafOptions): FlowOutput {
  const dim = inputDim(z, FLOW);
  const { factors, numFlows } = resolve(dim, options);
  const { z2, batchShape } = flattenBatch(z, dim, FLOW);
  let x = z2;
  let logDet: Tensor | null = null;
  for (let f = 0; f < numFlows; f++) {
    if (f > 0) x = flip(x, -1);
    const { y, logDiag } = bnafStage(params, f, x, dim, factors);
    let yOut = y;
    let ld = logDiag;
    if (f < numFlows - 1) {
      const g = getParam(params, { name: gName(f), shape: [] }, FLOW);
      const gate = sigmoid(g);
      yOut = add(mul(gate, y), mul(sub(1, gate), x));
      ld = sub(softplus(add(logDiag, g)), softplus(g));
    }
    const stageLogDet = sum(ld, -1);
    logDet = logDet === null ? stageLogDet : add(logDet, stageLogDet);
    x = yOut;
  }
  const outShape: Shape = [...batchShape, dim];
  return {
    y: reshape(x, outShape),
    logDetJacobian: reshape(logDet as Tensor, batchShape),
  };
}
