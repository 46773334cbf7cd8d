/**
 * `ModelContext`: the explicit context a model receives as `m` (what NumPyro keeps in the
 * global handler stack). It owns the stack of active messengers and the primitives
 * `sample`, `deterministic`, `plate`, `factor`, `param` and `call`. Each primitive builds one
 * {@link Message} and runs it through {@link applyStack}. A context serves one model run:
 * site names must be unique within it.
 */
import { type Constraint, type Distribution, type PRNGKey, Unit } from "@sidereal/distributions";
import {
  arange,
  type Shape,
  type Tensor,
  type TensorLike,
  toTensor,
  zeros,
} from "@sidereal/tensor";
import { ModelError } from "./errors.js";
import type { CondIndepFrame, Message, Messenger, SiteType } from "./message.js";
import type { Model } from "./model.js";
import { plateMessenger } from "./plate.js";
import { scopeMessenger } from "./scope.js";

/** Options of {@link ModelContext.sample}. */
export interface SampleOptions {
  /** Observed value; `undefined`/`null` makes the site latent. */
  readonly obs?: TensorLike | null;
  /** Extra leading sample dims of a draw (NumPyro's `sample_shape`, default `[]`). */
  readonly sampleShape?: Shape;
  /** Inference hints stored in the message. */
  readonly infer?: Record<string, unknown>;
}

/** Options of {@link ModelContext.plate}. */
export interface PlateOptions {
  /** Batch dim of the plate, a negative integer (default: the rightmost dim not used by an enclosing plate). */
  readonly dim?: number;
}

/** Options of {@link ModelContext.param}. */
export interface ParamOptions {
  /** Constraint of the (constrained) value (default real). */
  readonly constraint?: Constraint;
}

function newMessage(type: SiteType, name: string): Message {
  return {
    type,
    name,
    fn: null,
    value: undefined,
    isObserved: false,
    scale: null,
    mask: null,
    condIndepStack: [],
    infer: {},
    sampleShape: [],
    key: null,
    constraint: null,
    init: null,
    stop: false,
  };
}

/** The model context `m`. Create one per model run (the runners and `trace` do). */
export class ModelContext {
  /** Active messengers, outermost first. */
  private readonly stack: Messenger[] = [];
  /** Active plate frames, outermost first. */
  private readonly plates: CondIndepFrame[] = [];
  /** Sites seen in this run: name → [type, 1-based position]. */
  private readonly seen = new Map<string, readonly [SiteType, number]>();

  /**
   * Runs `body` with `messenger` pushed on the stack (innermost), popping it afterwards even
   * when `body` throws. This is how handlers and plates wrap a model.
   */
  withMessenger<R>(messenger: Messenger, body: () => R): R {
    this.stack.push(messenger);
    try {
      return body();
    } finally {
      this.stack.pop();
    }
  }

  /**
   * `sample(name, fn, { obs })`: a random variable with distribution `fn`. Returns `obs`
   * when given (observed site), otherwise the value supplied by a handler (`substitute`,
   * `condition`, an init strategy) or a draw `fn.sample(key, sampleShape)` with the key set
   * by `seed` — without one, a `ModelError` ("missing-key"). Inside plates `fn` is expanded
   * to the plate shape.
   */
  sample(name: string, fn: Distribution, options: SampleOptions = {}): Tensor {
    const msg = newMessage("sample", name);
    msg.fn = fn;
    if (options.obs !== undefined && options.obs !== null) {
      msg.value = toTensor(options.obs);
      msg.isObserved = true;
    }
    if (options.sampleShape) msg.sampleShape = [...options.sampleShape];
    if (options.infer) msg.infer = { ...options.infer };
    return this.apply(msg);
  }

  /** `deterministic(name, value)`: records a function of other sites under `name`; returns it. */
  deterministic(name: string, value: TensorLike): Tensor {
    const msg = newMessage("deterministic", name);
    msg.value = toTensor(value);
    return this.apply(msg);
  }

  /**
   * `factor(name, logFactor)`: adds `logFactor` (summed over its elements) to the log joint,
   * as NumPyro: an observed sample site with distribution `Unit(logFactor)`. Inside a plate a
   * scalar factor is expanded to the plate shape (so it counts once per plate element).
   */
  factor(name: string, logFactor: TensorLike): void {
    const fn = Unit(logFactor);
    const msg = newMessage("sample", name);
    msg.fn = fn;
    msg.value = zeros([...fn.batchShape, 0]);
    msg.isObserved = true;
    msg.infer = { isAuxiliary: true };
    this.apply(msg);
  }

  /**
   * `param(name, init, { constraint })`: a non-random parameter; returns the value supplied by
   * `substitute` (e.g. by an optimizer), otherwise `init` (a constrained value, or a function
   * of the site's key). MCMC treats params as constants.
   */
  param(
    name: string,
    init: TensorLike | ((key: PRNGKey) => Tensor),
    options: ParamOptions = {},
  ): Tensor {
    const msg = newMessage("param", name);
    msg.init = typeof init === "function" ? init : toTensor(init);
    msg.constraint = options.constraint ?? null;
    return this.apply(msg);
  }

  /**
   * `plate(name, size, fn, { dim })`: runs `fn(indices)` (indices = `arange(size)`) with a
   * plate frame active: sites inside get the plate size at batch dim `dim`. Nested plates
   * take dims −1, −2, … from the outside in unless `dim` is given. Throws a `ModelError`
   * ("bad-argument") for a size that is not a non-negative integer or a dim that is not a
   * negative integer or is already used by an enclosing plate.
   */
  plate<R>(name: string, size: number, fn: (indices: Tensor) => R, options: PlateOptions = {}): R {
    if (!Number.isInteger(size) || size < 0)
      throw new ModelError(
        "bad-argument",
        name,
        `plate "${name}": size must be a non-negative integer, got ${size}`,
      );
    const used = new Set(this.plates.map((p) => p.dim));
    let dim = options.dim;
    if (dim === undefined) {
      dim = -1;
      while (used.has(dim)) dim--;
    } else if (!Number.isInteger(dim) || dim >= 0) {
      throw new ModelError(
        "bad-argument",
        name,
        `plate "${name}": dim must be a negative integer, got ${dim}`,
      );
    } else if (used.has(dim)) {
      const other = this.plates.find((p) => p.dim === dim)?.name;
      throw new ModelError(
        "bad-argument",
        name,
        `plate "${name}": dim ${dim} is already used by the enclosing plate "${other}"`,
      );
    }
    const frame: CondIndepFrame = { name, size, dim };
    this.plates.push(frame);
    try {
      return this.withMessenger(plateMessenger(frame), () => fn(arange(size)));
    } finally {
      this.plates.pop();
    }
  }

  /**
   * `call(prefix, model, data)`: runs another model inside this one with its site (and
   * plate) names prefixed `prefix/` (NumPyro's `scope`); returns the sub-model's value.
   */
  call<D, R>(prefix: string, model: Model<D, R>, data: D): R {
    return this.withMessenger(scopeMessenger(prefix), () => model.run(this, data));
  }

  private apply(msg: Message): Tensor {
    applyStack(this.stack, msg);
    const prev = this.seen.get(msg.name);
    const position = this.seen.size + 1;
    if (prev !== undefined)
      throw new ModelError(
        "duplicate-site",
        msg.name,
        `duplicate site name "${msg.name}": ${msg.type} site #${position} has the same name as ` +
          `${prev[0]} site #${prev[1]} (site names must be unique within a model)`,
      );
    this.seen.set(msg.name, [msg.type, position]);
    return msg.value as Tensor;
  }
}

/** Fills a message's value when no messenger did (NumPyro's `default_process_message`). */
function defaultProcess(msg: Message): void {
  if (msg.value !== undefined) return;
  if (msg.type === "sample") {
    if (msg.key === null || msg.fn === null)
      throw new ModelError(
        "missing-key",
        msg.name,
        `site "${msg.name}" must be sampled but has no PRNG key: run the model under ` +
          `seed(model, key), give it an observed value, or substitute/condition it`,
      );
    msg.value = msg.fn.sample(msg.key, msg.sampleShape);
  } else if (msg.type === "param") {
    const init = msg.init;
    if (typeof init === "function") {
      if (msg.key === null)
        throw new ModelError(
          "missing-key",
          msg.name,
          `param "${msg.name}" has an init function but no PRNG key: run the model under seed(model, key)`,
        );
      msg.value = init(msg.key);
    } else if (init !== null) {
      msg.value = init;
    }
  }
}

/**
 * Runs `msg` through `stack` (outermost first): `process` innermost first until a messenger
 * sets `stop`, then the default value, then `postprocess` outermost first over the
 * messengers that processed the message.
 */
export function applyStack(stack: readonly Messenger[], msg: Message): void {
  let pointer = stack.length - 1;
  for (; pointer >= 0; pointer--) {
    stack[pointer].process?.(msg);
    if (msg.stop) break;
  }
  defaultProcess(msg);
  for (let i = Math.max(pointer, 0); i < stack.length; i++) stack[i].postprocess?.(msg);
}
