/**
 * Inverse Autoregressive Flow (IAF; Kingma, Salimans, Jozefowicz, Chen, Sutskever & Welling
 * 2016, "Improved Variational Inference with Inverse Autoregressive Flow", NeurIPS) as a
 * differentiable tensor computation, with the defaults of NumPyro's `AutoIAFNormal`:
 * 3 stages, MADE networks with hidden sizes [d, d], ELU activations, no skip connections, and
 * the order of the coordinates reversed before every stage after the first.
 *
 * Stage t: a MADE network (see `made.ts`) maps x ∈ ℝᵈ to (m, s) ∈ ℝᵈ × ℝᵈ with m_i, s_i
 * depending on x_{<i} only:
 *
 *   h₀ = x,  h_l = elu(h_{l−1} (W_l ⊙ M_l) + b_l),  [m, s] = h_L (W_out ⊙ M_out) + b_out.
 *
 * - stable (default, the paper's numerically stable update, eq. 14 / Algorithm 1):
 *   σ = sigmoid(s + β) with β = `sigmoidBias` (default 2, the paper's advice to start σ
 *   near 1), y = σ ⊙ x + (1 − σ) ⊙ m, log|det| = Σᵢ log σᵢ;
 * - affine (`stable: false`, NumPyro's `InverseAutoregressiveTransform`): ℓ = clip(s, −5, 3),
 *   y = exp(ℓ) ⊙ x + m, log|det| = Σᵢ ℓᵢ.
 *
 * Each stage has a lower-triangular Jacobian with positive diagonal (∂y_i/∂x_i = σ_i or
 * exp ℓ_i) in its input ordering. Composition: y = T_K ∘ R ∘ … ∘ R ∘ T_1 with R the
 * reversal, so with one stage the transform is lower triangular in the input ordering, and
 * with several stages the Jacobian T_K' R … R T_1' is a product of lower- and upper-
 * triangular factors (generally dense); log|det| = Σ stages (|det R| = 1).
 *
 * Initialisation (as NumPyro's `MaskedDense`, with a plain instead of a truncated normal):
 * W ~ N(0, 2/(fan_in + fan_out)) (Glorot normal) on the unmasked entries, 0 on the masked
 * ones; b ~ N(0, 0.01²).
 */
import { normal, type PRNGKey, split } from "@sidereal/distributions";
import {
  add,
  clip,
  exp,
  expm1,
  flip,
  gt,
  logSigmoid,
  matmul,
  minimum,
  mul,
  reshape,
  type Shape,
  sigmoid,
  slice,
  sub,
  sum,
  type Tensor,
  tensor,
  where,
} from "@sidereal/tensor";
import { FlowError } from "./errors.js";
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
import { madeMasks } from "./made.js";

/** Named IAF parameters (see {@link iafParamShapes} for names and shapes). */
export interface IafParams {
  readonly [name: string]: Tensor;
}

/** Options of the IAF transform. */
export interface IafOptions {
  /** Number of IAF stages; default 3. */
  readonly numFlows?: number;
  /** Hidden-layer widths of each MADE network; default [d, d]. */
  readonly hiddenDims?: readonly number[];
  /** Stable sigmoid update (default true) or NumPyro's clipped affine update (false). */
  readonly stable?: boolean;
  /** β added to s before the sigmoid of the stable update; default 2. Ignored when affine. */
  readonly sigmoidBias?: number;
}

const FLOW = "iaf";
const LOG_SCALE_MIN = -5;
const LOG_SCALE_MAX = 3;

interface Resolved {
  readonly sizes: readonly number[];
  readonly numFlows: number;
  readonly stable: boolean;
  readonly sigmoidBias: number;
}

function resolve(dim: number, options: IafOptions | undefined): Resolved {
  checkDim(dim, 2, FLOW);
  const hidden = options?.hiddenDims ?? [dim, dim];
  checkSizes(hidden, "hiddenDims", FLOW);
  const numFlows = options?.numFlows ?? 3;
  checkCount(numFlows, "numFlows", FLOW);
  const sigmoidBias = options?.sigmoidBias ?? 2;
  if (!Number.isFinite(sigmoidBias))
    throw new FlowError(
      "bad-option",
      "sigmoidBias",
      `iaf: sigmoidBias must be finite, got ${sigmoidBias}`,
    );
  return {
    sizes: [dim, ...hidden, 2 * dim],
    numFlows,
    stable: options?.stable ?? true,
    sigmoidBias,
  };
}

const wName = (f: number, l: number) => `iaf${f}_w${l}`;
const bName = (f: number, l: number) => `iaf${f}_b${l}`;

/**
 * Names and shapes of the IAF parameters in canonical order: for each stage f and layer l,
 * `iaf{f}_w{l}` [in_l, out_l] (entries outside the MADE mask are unused and get zero
 * gradient) and `iaf{f}_b{l}` [out_l]; the last layer has 2d outputs, columns 0..d−1 = m and
 * d..2d−1 = s. Throws a `FlowError` for dim < 2 (an autoregressive network needs two
 * coordinates; use a diagonal guide for one) or bad options.
 */
export function iafParamShapes(dim: number, options?: IafOptions): readonly FlowParamShape[] {
  const { sizes, numFlows } = resolve(dim, options);
  const out: FlowParamShape[] = [];
  for (let f = 0; f < numFlows; f++)
    for (let l = 0; l + 1 < sizes.length; l++) {
      out.push({ name: wName(f, l), shape: [sizes[l], sizes[l + 1]] });
      out.push({ name: bName(f, l), shape: [sizes[l + 1]] });
    }
  return out;
}

/** Names of the IAF parameters, in the order of {@link iafParamShapes}. */
export function iafParamNames(dim: number, options?: IafOptions): readonly string[] {
  return iafParamShapes(dim, options).map((s) => s.name);
}

/**
 * Draws initial IAF parameters (see the module comment). Deterministic in `rngKey`. Throws a
 * `FlowError` for dim < 2 or bad options.
 */
export function initIafParams(rngKey: PRNGKey, dim: number, options?: IafOptions): IafParams {
  const { sizes, numFlows } = resolve(dim, options);
  const { masks } = madeMasks(dim, sizes.slice(1, -1), 2);
  const params: Record<string, Tensor> = {};
  const flowKeys = split(rngKey, numFlows);
  for (let f = 0; f < numFlows; f++) {
    const keys = split(flowKeys[f], 2 * (sizes.length - 1));
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l];
      const fanOut = sizes[l + 1];
      const std = Math.sqrt(2 / (fanIn + fanOut));
      const w = normal(keys[2 * l], [fanIn, fanOut]);
      const m = masks[l];
      for (let k = 0; k < w.length; k++) w[k] *= std * m[k];
      const b = normal(keys[2 * l + 1], [fanOut]);
      for (let k = 0; k < b.length; k++) b[k] *= 0.01;
      params[wName(f, l)] = tensor(w, [fanIn, fanOut]);
      params[bName(f, l)] = tensor(b, [fanOut]);
    }
  }
  return params;
}

const maskCache = new Map<string, readonly Tensor[]>();

function maskTensors(dim: number, sizes: readonly number[]): readonly Tensor[] {
  const cacheKey = sizes.join(",");
  const hit = maskCache.get(cacheKey);
  if (hit) return hit;
  const { masks } = madeMasks(dim, sizes.slice(1, -1), 2);
  const ts = masks.map((m, l) => tensor(m, [sizes[l], sizes[l + 1]]));
  if (maskCache.size > 64) maskCache.clear();
  maskCache.set(cacheKey, ts);
  return ts;
}

/** elu(x) = x for x > 0, eˣ − 1 otherwise (expm1 of min(x, 0) keeps the other branch finite). */
function elu(x: Tensor): Tensor {
  return where(gt(x, 0), x, expm1(minimum(x, 0)));
}

/**
 * The IAF transform y = T(z) of points z `[..., d]` (usually `[n, d]`) and log|det ∂T/∂z|
 * per point (shape `[...]`). Differentiable in the parameters and in z, and traceable by
 * `compile`. Throws a `FlowError` when z's last axis is not the parameters' d (or d < 2), or
 * when a parameter is missing or mis-shaped. `options` must match those given to
 * {@link initIafParams}.
 */
export function iafForward(params: IafParams, z: Tensor, options?: IafOptions): FlowOutput {
  const dim = inputDim(z, FLOW);
  const { sizes, numFlows, stable, sigmoidBias } = resolve(dim, options);
  const masks = maskTensors(dim, sizes);
  const { z2, batchShape } = flattenBatch(z, dim, FLOW);
  const numLayers = sizes.length - 1;
  let x = z2;
  let logDet: Tensor | null = null;
  for (let f = 0; f < numFlows; f++) {
    if (f > 0) x = flip(x, -1);
    let h = x;
    for (let l = 0; l < numLayers; l++) {
      const W = param(params, wName(f, l), [sizes[l], sizes[l + 1]]);
      const b = param(params, bName(f, l), [sizes[l + 1]]);
      const pre = add(matmul(h, mul(W, masks[l])), b);
      h = l < numLayers - 1 ? elu(pre) : pre;
    }
    const m = slice(h, [null, [0, dim]]);
    const s = slice(h, [null, [dim, 2 * dim]]);
    let stageLogDet: Tensor;
    if (stable) {
      const t = add(s, sigmoidBias);
      const gate = sigmoid(t);
      x = add(mul(gate, x), mul(sub(1, gate), m));
      stageLogDet = sum(logSigmoid(t), -1);
    } else {
      const logScale = clip(s, LOG_SCALE_MIN, LOG_SCALE_MAX);
      x = add(mul(exp(logScale), x), m);
      stageLogDet = sum(logScale, -1);
    }
    logDet = logDet === null ? stageLogDet : add(logDet, stageLogDet);
  }
  const outShape: Shape = [...batchShape, dim];
  return { y: reshape(x, outShape), logDetJacobian: reshape(logDet as Tensor, batchShape) };
}

function param(params: FlowParams, name: string, shape: Shape): Tensor {
  return getParam(params, { name, shape }, FLOW);
}
