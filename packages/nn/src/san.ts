/**
 * The SAN of spec §4.2 on tfjs, float32: p(y|x) = Π_d p(y_d | y_<d, x) with D blocks of
 * unshared weights. Block 0 reads x; block d > 0 reads [x, s_{d−1}, ŷ_<d] where s are the
 * previous block's sequence features and ŷ the samples drawn by the earlier blocks (no
 * teacher forcing: the true y_d is never fed forward). Body: Linear → BatchNorm (no affine)
 * → ReLU per width; heads: Linear → ReLU (sequence features) and Linear (3K MoG parameters:
 * loc, squareplus scale, weight logit per component).
 */
import type * as tf from "@tensorflow/tfjs";
import type { Tf } from "./backend.js";
import type { SanConfig } from "./config.js";
import { mulberry32, type Rng } from "./rng.js";

const BN_EPS = 1e-5; // PyTorch's BatchNorm1d default
const BN_MOMENTUM = 0.1; // PyTorch's default running-average momentum
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export interface SanShape {
  readonly condDim: number;
  readonly dataDim: number;
}

interface Dense {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
}
interface Block {
  readonly body: readonly {
    readonly dense: Dense;
    readonly runMean?: tf.Variable;
    readonly runVar?: tf.Variable;
  }[];
  readonly seq: Dense | undefined;
  readonly lik: Dense;
}

export interface San {
  readonly config: SanConfig;
  readonly shape: SanShape;
  readonly blocks: readonly Block[];
  /** Every variable by a stable name (trainable and batch-norm running statistics). */
  readonly variables: ReadonlyMap<string, tf.Variable>;
  readonly trainable: readonly tf.Variable[];
  /** Disposes every variable. */
  dispose(): void;
}

/** Input width of block d. */
export const blockInputDim = (shape: SanShape, config: SanConfig, d: number): number =>
  d === 0 ? shape.condDim : shape.condDim + config.sequenceFeatures + d;

/** PyTorch's Linear initialisation: U(−1/√fan_in, 1/√fan_in) for kernel and bias. */
function dense(
  t: Tf,
  name: string,
  fanIn: number,
  fanOut: number,
  rng: Rng,
  vars: Map<string, tf.Variable>,
): Dense {
  const bound = 1 / Math.sqrt(fanIn);
  const draw = (n: number) => Float32Array.from({ length: n }, () => (2 * rng() - 1) * bound);
  const kernel = t.variable(
    t.tensor2d(draw(fanIn * fanOut), [fanIn, fanOut]),
    true,
    `${name}/kernel`,
  );
  const bias = t.variable(t.tensor1d(draw(fanOut)), true, `${name}/bias`);
  vars.set(kernel.name, kernel);
  vars.set(bias.name, bias);
  return { kernel, bias };
}

// Variable names are global in tfjs; a per-instance prefix keeps two models apart.
let instances = 0;

/** A freshly initialised SAN (seeded). */
export function makeSan(t: Tf, config: SanConfig, shape: SanShape): San {
  const rng = mulberry32(config.seed + 0x5a17);
  const vars = new Map<string, tf.Variable>();
  const prefix = `san${instances++}`;
  const blocks: Block[] = [];
  const K = config.mixtureComponents;
  for (let d = 0; d < shape.dataDim; d++) {
    let width = blockInputDim(shape, config, d);
    const body: Block["body"][number][] = [];
    config.moduleShape.forEach((w, i) => {
      const name = `${prefix}/block${d}/dense${i}`;
      const layer = dense(t, name, width, w, rng, vars);
      if (config.batchNorm) {
        const runMean = t.variable(t.zeros([w]), false, `${name}/bn_mean`);
        const runVar = t.variable(t.ones([w]), false, `${name}/bn_var`);
        vars.set(runMean.name, runMean);
        vars.set(runVar.name, runVar);
        body.push({ dense: layer, runMean, runVar });
      } else body.push({ dense: layer });
      width = w;
    });
    const seq =
      config.sequenceFeatures > 0 && d < shape.dataDim - 1
        ? dense(t, `${prefix}/block${d}/seq`, width, config.sequenceFeatures, rng, vars)
        : undefined;
    const lik = dense(t, `${prefix}/block${d}/lik`, width, 3 * K, rng, vars);
    blocks.push({ body, seq, lik });
  }
  const trainable = [...vars.values()].filter((v) => v.trainable);
  return {
    config,
    shape,
    blocks,
    variables: vars,
    trainable,
    dispose: () => {
      for (const v of vars.values()) v.dispose();
    },
  };
}

/** Stable names of a model's variables without the per-instance prefix (for files). */
export const fileName = (variableName: string): string => variableName.replace(/^san\d+\//, "");

/**
 * squareplus(x) = (x + √(x² + a²)) / 2. With s = √(x² + a²) + |x| (no cancellation), x + √(x² + a²)
 * is s for x > 0 and a²/s for x ≤ 0; the naive form rounds to 0 in float32 for x ≲ −1e4.
 * `tf.step` (zero gradient) picks the branch, since tfjs has no gradient for comparisons.
 */
export const squareplus = (t: Tf, x: tf.Tensor, a = 2): tf.Tensor => {
  const s = t.add(t.sqrt(t.add(t.square(x), a * a)), t.abs(x));
  const pos = t.step(x);
  return t.mul(t.add(t.mul(pos, s), t.mul(t.sub(1, pos), t.div(a * a, s))), 0.5);
};

/**
 * The MoG scale: squareplus(a = 2), then agnfinder's stabilisation |s|·(1 + multEps) + absEps.
 * agnfinder repeats that map "until positive"; one pass already gives ≥ absEps > 0, so the loop
 * ends after one step.
 */
export const mogScale = (t: Tf, raw: tf.Tensor, multEps: number, absEps: number): tf.Tensor =>
  t.add(t.mul(t.abs(squareplus(t, raw)), 1 + multEps), absEps);

export interface MogParams {
  readonly loc: tf.Tensor2D;
  readonly scale: tf.Tensor2D;
  readonly logits: tf.Tensor2D;
}

/** Splits (B, 3K) head outputs into per-component (loc, scale, logit) triples. */
export function mogParams(
  t: Tf,
  raw: tf.Tensor2D,
  K: number,
  multEps: number,
  absEps: number,
): MogParams {
  const r = t.reshape(raw, [-1, K, 3]);
  const pick = (j: number) => t.reshape(t.slice(r, [0, 0, j], [-1, K, 1]), [-1, K]) as tf.Tensor2D;
  return {
    loc: pick(0),
    scale: mogScale(t, pick(1), multEps, absEps) as tf.Tensor2D,
    logits: pick(2),
  };
}

/** log p(y | MoG) per row; y is (B, 1). */
export function mogLogProb(t: Tf, p: MogParams, y: tf.Tensor2D): tf.Tensor1D {
  const z = t.div(t.sub(y, p.loc), p.scale);
  const logN = t.sub(t.sub(t.mul(t.square(z), -0.5), t.log(p.scale)), HALF_LOG_2PI);
  return t.logSumExp(t.add(logN, t.logSoftmax(p.logits)), 1) as tf.Tensor1D;
}

/**
 * One draw per row from the MoG, shape (B, 1): a plain sample without gradient (spec §4.2,
 * step 1). The draw runs inside `customGrad` with zero gradients, so the tape never records
 * the (non-differentiable) multinomial.
 */
export function mogSample(t: Tf, p: MogParams, seed: number): tf.Tensor2D {
  const K = p.loc.shape[1];
  const draw = t.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [loc, scale, logits] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    // tfjs treats a falsy seed as "unseeded" (Math.random): seeds start at 1
    const comp = t.reshape(t.multinomial(logits, 1, seed + 1), [-1]) as tf.Tensor1D;
    const onehot = t.oneHot(comp, K).toFloat();
    const l = t.sum(t.mul(loc, onehot), 1, true);
    const s = t.sum(t.mul(scale, onehot), 1, true);
    const eps = t.randomNormal([loc.shape[0], 1], 0, 1, "float32", seed + 2);
    return {
      value: t.add(l, t.mul(s, eps)) as tf.Tensor2D,
      gradFunc: () => [t.zerosLike(loc), t.zerosLike(scale), t.zerosLike(logits)],
    };
  });
  return draw(p.loc, p.scale, p.logits);
}

/** Identity whose gradient is zero. */
export function stopGradient(t: Tf, x: tf.Tensor): tf.Tensor {
  const f = t.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const v = args[0] as tf.Tensor;
    return { value: v.clone(), gradFunc: (dy: tf.Tensor) => t.zerosLike(dy) };
  });
  return f(x);
}

export interface SanPass {
  /** Mean over the batch of −Σ_d log p(y_d | params_d), when targets were given. */
  readonly loss: tf.Scalar | undefined;
  /** The samples ŷ, (B, D), normalised space. */
  readonly samples: tf.Tensor2D;
}

/**
 * The forward pass. `training` uses batch statistics in batch norm (and updates the running
 * statistics); otherwise the running statistics are used. Call inside `tf.tidy`.
 */
export function sanForward(
  t: Tf,
  m: San,
  x: tf.Tensor2D,
  y: tf.Tensor2D | undefined,
  training: boolean,
  seed: number,
): SanPass {
  const { multEps, absEps, mixtureComponents: K } = m.config;
  const B = x.shape[0];
  let seq: tf.Tensor2D | undefined;
  const drawn: tf.Tensor2D[] = [];
  let nll: tf.Tensor1D | undefined;
  m.blocks.forEach((block, d) => {
    let h: tf.Tensor2D =
      d === 0
        ? x
        : (t.concat([x, ...(seq === undefined ? [] : [seq]), ...drawn], 1) as tf.Tensor2D);
    for (const layer of block.body) {
      h = t.add(t.matMul(h, layer.dense.kernel), layer.dense.bias) as tf.Tensor2D;
      if (layer.runMean !== undefined && layer.runVar !== undefined) {
        let mean: tf.Tensor;
        let variance: tf.Tensor;
        if (training) {
          const mom = t.moments(h, 0);
          mean = mom.mean;
          variance = mom.variance;
          const unbiased = t.mul(variance, B / Math.max(1, B - 1));
          layer.runMean.assign(
            t.add(t.mul(layer.runMean, 1 - BN_MOMENTUM), t.mul(stopGradient(t, mean), BN_MOMENTUM)),
          );
          layer.runVar.assign(
            t.add(
              t.mul(layer.runVar, 1 - BN_MOMENTUM),
              t.mul(stopGradient(t, unbiased), BN_MOMENTUM),
            ),
          );
        } else {
          mean = layer.runMean;
          variance = layer.runVar;
        }
        h = t.div(t.sub(h, mean), t.sqrt(t.add(variance, BN_EPS))) as tf.Tensor2D;
      }
      h = t.relu(h);
    }
    if (block.seq !== undefined)
      seq = t.relu(t.add(t.matMul(h, block.seq.kernel), block.seq.bias)) as tf.Tensor2D;
    const p = mogParams(
      t,
      t.add(t.matMul(h, block.lik.kernel), block.lik.bias) as tf.Tensor2D,
      K,
      multEps,
      absEps,
    );
    if (y !== undefined) {
      const lp = mogLogProb(t, p, t.slice(y, [0, d], [B, 1]) as tf.Tensor2D);
      nll = nll === undefined ? t.neg(lp) : t.sub(nll, lp);
    }
    drawn.push(mogSample(t, p, seed + 3 * d));
  });
  return {
    loss: nll === undefined ? undefined : (t.mean(nll) as tf.Scalar),
    samples: t.concat(drawn, 1) as tf.Tensor2D,
  };
}
