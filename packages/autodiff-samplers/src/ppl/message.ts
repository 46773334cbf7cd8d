/**
 * The one message shape shared by every site (NumPyro's `msg` dict). A primitive
 * (`m.sample`, `m.deterministic`, `m.param`, `m.factor`) builds one message, hands it to the
 * active messengers innermost first (`process`), fills in the value if still missing (draws
 * from `fn` with `key`, or takes `init`), then runs `postprocess` (outermost first, among
 * the messengers that saw the message). A messenger that sets `stop` hides the message from
 * the messengers outside it (this is how `block` works).
 */
import type { Constraint, Distribution, PRNGKey } from "@sidereal/distributions";
import type { Shape, Tensor } from "@sidereal/tensor";

/** Kinds of site. A `factor` is a `sample` site with a `Unit` distribution, as in NumPyro. */
export type SiteType = "sample" | "deterministic" | "param";

/**
 * One plate frame (NumPyro's `CondIndepStackFrame`): the plate `name`, its `size` and the
 * batch `dim` it occupies, counted from the right of the batch shape (−1 is the rightmost).
 */
export interface CondIndepFrame {
  readonly name: string;
  readonly size: number;
  readonly dim: number;
}

/** The message of one site. Messengers may mutate it while it is being processed. */
export interface Message {
  /** Site kind. */
  readonly type: SiteType;
  /** Site name (a scope prefix is added by `m.call`). */
  name: string;
  /** The distribution (`sample` sites; `null` for the others). Plates expand it. */
  fn: Distribution | null;
  /** The value: observed data, a substituted value, or the draw made by default. */
  value: Tensor | undefined;
  /** True when the value is data (`obs`, `condition`) rather than a latent draw. */
  isObserved: boolean;
  /** Log-density multiplier (`scale` handler), `null` for 1. */
  scale: Tensor | null;
  /** Mask applied by the `mask` handler (`fn` is already masked), `null` for none. */
  mask: Tensor | boolean | null;
  /** Plate frames enclosing the site, innermost first. */
  condIndepStack: CondIndepFrame[];
  /** Free-form inference hints (NumPyro's `infer`). */
  infer: Record<string, unknown>;
  /** Extra leading sample dims of a draw (NumPyro's `sample_shape`). */
  sampleShape: Shape;
  /** PRNG key for the default draw, set by `seed`. */
  key: PRNGKey | null;
  /** Constraint of a `param` site (constrained value space), `null` otherwise. */
  constraint: Constraint | null;
  /** Initial value of a `param` site, used when nothing substitutes it. */
  init: Tensor | ((key: PRNGKey) => Tensor) | null;
  /** Set by a messenger to hide the message from messengers outside it. */
  stop: boolean;
}

/** An effect handler's hooks over the messages of the sites it encloses. */
export interface Messenger {
  /** Called innermost handler first, before the value is filled in. */
  process?(msg: Message): void;
  /** Called outermost first (among handlers that processed the message), after the value is set. */
  postprocess?(msg: Message): void;
}
