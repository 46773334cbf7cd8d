/**
 * Potential energy of a model (NumPyro's `initialize_model` / `potential_energy`).
 *
 * `initializeModel(model, data, { key, initStrategy })` traces the model once under `seed`
 * and the init strategy to discover its latent sites (name, support, shape, plate dims),
 * then builds
 *
 *   U(u₁, …, u_k) = −[ Σ_sites scale · log p(site) + Σ_latent scale · log|det J(u_i)| ],
 *
 * a function of one unconstrained tensor per latent site: each latent value is
 * x_i = bijectTo(support_i).forward(u_i) (the support is read from the site at every run, so
 * supports may depend on other sites), and the log joint covers latent and observed sites and
 * factors, with `scale` and `mask` applied. `compile(U, exampleArgs).flat` is the flat
 * `(q, gradOut) => number` potential; the flat vector concatenates the sites' unconstrained
 * values in site order. Initial points are retried up to 100 times (`foldIn(key, attempt)`)
 * while U or its gradient is non-finite; then an `InitializationError` names the sites whose
 * log density, log-Jacobian or gradient block is non-finite. Latent discrete sites are a
 * `ModelError` ("unsupported"): there is no enumeration.
 */
import {
  type Bijector,
  bijectTo,
  type Constraint,
  foldIn,
  type PRNGKey,
  withValidation,
} from "@sidereal/distributions";
import {
  add,
  type CompiledFunction,
  compile,
  mul,
  neg,
  type Shape,
  sizeOf,
  sum,
  type Tensor,
  type TensorLike,
  tensor,
  toTensor,
} from "@sidereal/tensor";
import type { Potential } from "../mcmc/index.js";
import { InitializationError, ModelError } from "./errors.js";
import { seed } from "./handlers/seed.js";
import { substitute } from "./handlers/substitute.js";
import { type Trace, trace } from "./handlers/trace.js";
import { type InitStrategy, initToUniform, initValue } from "./initStrategies.js";
import { latentBijector } from "./latentBijector.js";
import { logJoint, siteLogProb } from "./logDensity.js";
import type { Message } from "./message.js";
import type { Model } from "./model.js";
import { siteDims } from "./siteDims.js";

/** Shape and dim names of a recorded site. */
export interface SiteInfo {
  readonly name: string;
  /** Shape of the (constrained) value. */
  readonly shape: Shape;
  /** One name per axis of the value (plate names where they apply). */
  readonly dims: readonly string[];
}

/** A latent site and its block of the flat unconstrained vector. */
export interface LatentSiteInfo extends SiteInfo {
  readonly support: Constraint;
  readonly unconstrainedShape: Shape;
  /** Offset of the site's block in the flat vector. */
  readonly offset: number;
  /** Length of the block (size of `unconstrainedShape`). */
  readonly size: number;
}

/** An observed site and its data. */
export interface ObservedSiteInfo extends SiteInfo {
  readonly value: Float64Array;
}

/** Everything inference needs to know about a model on fixed data. */
export interface ModelPotential {
  /** Latent sites in site order (the flat layout). */
  readonly latent: readonly LatentSiteInfo[];
  /** Deterministic sites. */
  readonly deterministic: readonly SiteInfo[];
  /** Observed sites (factors excluded). */
  readonly observed: readonly ObservedSiteInfo[];
  /** Length of the flat unconstrained vector. */
  readonly flatSize: number;
  /** U as a function of one unconstrained tensor per latent site (traceable, differentiable). */
  readonly potentialFn: (...unconstrained: Tensor[]) => Tensor;
  /** `compile(potentialFn, …)`. */
  readonly compiled: CompiledFunction;
  /** The flat potential `(q, gradOut) => U(q)` for samplers (= `compiled.flat`). */
  readonly potential: Potential;
  /** Splits a flat vector into named unconstrained tensors. */
  unflatten(q: Float64Array): Record<string, Tensor>;
  /** Named constrained values (latent and deterministic) at flat vector `q` (re-runs the model). */
  constrain(q: Float64Array): Record<string, Tensor>;
  /** The flat unconstrained vector of named constrained latent values. */
  unconstrain(values: Readonly<Record<string, TensorLike>>): Float64Array;
}

/** Result of {@link initializeModel}: the potential and a valid starting point. */
export interface InitializedModel extends ModelPotential {
  /** Flat unconstrained start with finite potential and gradient. */
  readonly initialPosition: Float64Array;
  /** Attempts used (1 when the first draw was valid). */
  readonly attempts: number;
}

/** Options of {@link initializeModel}. */
export interface InitializeOptions {
  /** Key for the init draws (attempt `a` uses `foldIn(key, a)`). */
  readonly key: PRNGKey;
  /** Default `initToUniform()`. */
  readonly initStrategy?: InitStrategy;
  /** Maximum number of attempts (default 100, as NumPyro). */
  readonly maxAttempts?: number;
}

interface Constrained {
  u: Tensor;
  x: Tensor;
  bij: Bijector;
}

/** `model` with latent sites in `uValues` set to `bijectTo(support).forward(u)` (recorded in `record`). */
function constrainedModel<D, R>(
  model: Model<D, R>,
  uValues: ReadonlyMap<string, Tensor>,
  record: Map<string, Constrained>,
): Model<D, R> {
  return substitute(model, (msg: Message) => {
    if (msg.type !== "sample" || msg.isObserved || msg.fn === null) return undefined;
    const u = uValues.get(msg.name);
    if (u === undefined) return undefined;
    const bij = bijectTo(msg.fn.support);
    const x = bij.forward(u);
    record.set(msg.name, { u, x, bij });
    return x;
  });
}

const bijectorOf = latentBijector;

const isFiniteArray = (a: Float64Array) => a.every(Number.isFinite);

/** The latent sites of a trace, in order. */
function latentMessages(tr: Trace): Message[] {
  return [...tr.values()].filter((m) => m.type === "sample" && !m.isObserved);
}

/**
 * Builds the potential of `model` on `data` from a trace `tr` of one run (whose latent
 * sites define the layout). See the module doc.
 */
export function buildPotential<D, R>(model: Model<D, R>, data: D, tr: Trace): ModelPotential {
  let offset = 0;
  const latent: LatentSiteInfo[] = latentMessages(tr).map((msg) => {
    const bij = bijectorOf(msg);
    const value = msg.value as Tensor;
    const unconstrainedShape = bij.inverseShape(value.shape);
    const size = sizeOf(unconstrainedShape);
    const info: LatentSiteInfo = {
      name: msg.name,
      shape: value.shape,
      dims: siteDims(msg),
      support: (msg.fn as NonNullable<Message["fn"]>).support,
      unconstrainedShape,
      offset,
      size,
    };
    offset += size;
    return info;
  });
  if (latent.length === 0)
    throw new ModelError("unsupported", "", "the model has no latent sample sites to infer");
  const flatSize = offset;
  const deterministic: SiteInfo[] = [];
  const observed: ObservedSiteInfo[] = [];
  for (const msg of tr.values()) {
    if (msg.type === "deterministic" && msg.value !== undefined)
      deterministic.push({ name: msg.name, shape: msg.value.shape, dims: siteDims(msg) });
    else if (
      msg.type === "sample" &&
      msg.isObserved &&
      msg.value !== undefined &&
      msg.infer.isAuxiliary !== true
    )
      observed.push({
        name: msg.name,
        shape: msg.value.shape,
        dims: siteDims(msg),
        value: msg.value.toArray(),
      });
  }

  const runConstrained = (us: readonly Tensor[]) => {
    const uMap = new Map(latent.map((s, i) => [s.name, us[i]]));
    const record = new Map<string, Constrained>();
    const t = trace(constrainedModel(model, uMap, record)).getTrace(data);
    const missing = latent.filter((s) => !record.has(s.name)).map((s) => s.name);
    if (missing.length > 0)
      throw new ModelError(
        "unsupported",
        missing[0],
        `latent sites ${missing.map((n) => `"${n}"`).join(", ")} disappeared on a later run: the model's structure must not depend on the values of its sites`,
      );
    return { trace: t, record };
  };

  const potentialFn = (...us: Tensor[]): Tensor => {
    const { trace: t, record } = runConstrained(us);
    let lj = logJoint(t);
    for (const [name, { u, x, bij }] of record) {
      let ldj = bij.logAbsDetJacobian(u, x);
      const sc = t.get(name)?.scale ?? null;
      if (sc !== null) ldj = mul(sc, ldj);
      lj = add(lj, sum(ldj));
    }
    return neg(lj);
  };

  const unflatten = (q: Float64Array): Record<string, Tensor> => {
    if (q.length !== flatSize)
      throw new ModelError(
        "bad-argument",
        "",
        `flat vector has length ${q.length}, expected ${flatSize}`,
      );
    const out: Record<string, Tensor> = {};
    for (const s of latent)
      out[s.name] = tensor(q.slice(s.offset, s.offset + s.size), s.unconstrainedShape);
    return out;
  };
  const example = latent.map((s) => {
    const msg = tr.get(s.name) as Message;
    return bijectorOf(msg).inverse(msg.value as Tensor);
  });
  const compiled = compile(potentialFn, example);

  // Per draw: the parameters were validated when the model was initialised, and NumPyro's
  // samplers re-run models without validation too; checking every parameter value again costs
  // about a third of a small model's run.
  const constrain = (q: Float64Array): Record<string, Tensor> => {
    const u = unflatten(q);
    const { trace: t } = withValidation(false, () => runConstrained(latent.map((s) => u[s.name])));
    const out: Record<string, Tensor> = {};
    for (const s of latent) out[s.name] = t.get(s.name)?.value as Tensor;
    for (const s of deterministic) {
      const v = t.get(s.name)?.value;
      if (v !== undefined) out[s.name] = v;
    }
    return out;
  };
  const unconstrain = (values: Readonly<Record<string, TensorLike>>): Float64Array => {
    const q = new Float64Array(flatSize);
    for (const s of latent) {
      const v = values[s.name];
      if (v === undefined)
        throw new ModelError("bad-argument", s.name, `unconstrain: no value for site "${s.name}"`);
      const u = bijectTo(s.support).inverse(toTensor(v)).toArray();
      if (u.length !== s.size)
        throw new ModelError(
          "bad-argument",
          s.name,
          `unconstrain: site "${s.name}" needs ${s.size} unconstrained values, got ${u.length}`,
        );
      q.set(u, s.offset);
    }
    return q;
  };

  return {
    latent,
    deterministic,
    observed,
    flatSize,
    potentialFn,
    compiled,
    potential: compiled.flat,
    unflatten,
    constrain,
    unconstrain,
  };
}

/** Traces `model` under `seed(key)` with latent values from `strategy`. */
export function initTrace<D, R>(
  model: Model<D, R>,
  data: D,
  rngKey: PRNGKey,
  strategy: InitStrategy,
): Trace {
  return trace(substitute(seed(model, rngKey), (msg) => initValue(strategy, msg))).getTrace(data);
}

/** Flat unconstrained vector of a trace's latent values in the layout of `latent`. */
function flatFromTrace(tr: Trace, latent: readonly LatentSiteInfo[], flatSize: number) {
  const q = new Float64Array(flatSize);
  for (const s of latent) {
    const msg = tr.get(s.name);
    if (msg?.value === undefined || msg.fn === null)
      throw new ModelError("unsupported", s.name, `latent site "${s.name}" missing from a re-run`);
    const u = bijectTo(msg.fn.support).inverse(msg.value).toArray();
    if (u.length !== s.size)
      throw new ModelError(
        "unsupported",
        s.name,
        `latent site "${s.name}" changed size between runs (${s.size} → ${u.length})`,
      );
    q.set(u, s.offset);
  }
  return q;
}

/** Names of the sites whose log density, log-Jacobian or gradient block is non-finite at `q`. */
function badSites(pot: ModelPotential, q: Float64Array, grad: Float64Array): Set<string> {
  const bad = new Set<string>();
  try {
    const u = pot.unflatten(q);
    for (const s of pot.latent) {
      const x = bijectTo(s.support).forward(u[s.name]);
      const ldj = sum(bijectTo(s.support).logAbsDetJacobian(u[s.name], x)).item();
      if (!Number.isFinite(ldj)) bad.add(s.name);
      if (!isFiniteArray(grad.subarray(s.offset, s.offset + s.size))) bad.add(s.name);
    }
  } catch {
    // fall through with what we have
  }
  return bad;
}

/**
 * Discovers the latent sites of `model` on `data`, builds its potential and finds a valid
 * starting point (see the module doc). Throws `InitializationError` after `maxAttempts`.
 */
export function initializeModel<D, R>(
  model: Model<D, R>,
  data: D,
  options: InitializeOptions,
): InitializedModel {
  const strategy = options.initStrategy ?? initToUniform();
  const maxAttempts = options.maxAttempts ?? 100;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new ModelError(
      "bad-argument",
      "",
      `maxAttempts must be an integer ≥ 1, got ${maxAttempts}`,
    );
  let tr = initTrace(model, data, foldIn(options.key, 0), strategy);
  const pot = buildPotential(model, data, tr);
  const grad = new Float64Array(pot.flatSize);
  let q = new Float64Array(pot.flatSize);
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (attempt > 0) tr = initTrace(model, data, foldIn(options.key, attempt), strategy);
    q = flatFromTrace(tr, pot.latent, pot.flatSize);
    if (isFiniteArray(q)) {
      const u = pot.potential(q, grad);
      if (Number.isFinite(u) && isFiniteArray(grad))
        return { ...pot, initialPosition: q, attempts: attempt + 1 };
    } else {
      grad.fill(Number.NaN);
    }
  }
  // Diagnose the last attempt: sites with a non-finite log density, log-Jacobian or gradient.
  const bad = badSites(pot, q, grad);
  for (const msg of tr.values()) {
    if (msg.type !== "sample") continue;
    let lp: number;
    try {
      lp = siteLogProb(msg).item();
    } catch {
      lp = Number.NaN;
    }
    if (!Number.isFinite(lp)) bad.add(msg.name);
  }
  for (const s of pot.latent)
    if (!isFiniteArray(q.subarray(s.offset, s.offset + s.size))) bad.add(s.name);
  const sites = [...bad];
  throw new InitializationError(
    sites,
    maxAttempts,
    `cannot find valid initial parameters in ${maxAttempts} attempts: ` +
      (sites.length > 0
        ? `non-finite log density or gradient at sites ${sites.map((n) => `"${n}"`).join(", ")}`
        : "the potential energy or its gradient is non-finite"),
  );
}
