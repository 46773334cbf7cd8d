/**
 * A constraint describes a set of values (a distribution's support, a parameter's
 * domain). `check` returns a 0/1 tensor of the batch shape (event dimensions are
 * reduced: a vector is in the simplex or not). Constraints are plain values so they
 * can be compared by `name` and parameters when choosing a bijector (`bijectTo`).
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";

export interface Constraint {
  /** A stable identifier, e.g. "real", "positive", "interval", "simplex". */
  readonly name: string;
  /** Number of rightmost dimensions that form one event (0 for elementwise constraints). */
  readonly eventDim: number;
  /** Parameters of parameterised constraints (interval bounds etc.). */
  readonly params?: Readonly<Record<string, Tensor>>;
  /** Whether the set is discrete (integer-valued). */
  readonly isDiscrete?: boolean;
  /** 1 where `value` satisfies the constraint, 0 elsewhere (over batch dims). */
  check(value: TensorLike): Tensor;
}
