/**
 * NumPyro's declarative layout for distribution classes: a class says what it is in three
 * static fields,
 *
 *   static argConstraints = { loc: real, scale: positive };  // parameter → constraint
 *   static support = real;                                    // where logProb is finite
 *   static reparametrized = ["loc", "scale"];                 // sample is pathwise in these
 *
 * and `DeclaredDistribution` reads them for the instance: `support` (overridden by a getter
 * where it depends on the parameters, e.g. Uniform's interval) and `declared()`, which
 * constructors hand to the one validator (`validateArgs` in src/validate.ts).
 */
import type { Shape, Tensor } from "@sidereal/tensor";
import type { Constraint } from "./constraints/constraint.js";
import { real } from "./constraints/index.js";
import { Distribution } from "./distribution.js";
import type { ArgConstraints, DistributionOptions, NaNPolicy } from "./validate.js";
import { validateArgs } from "./validate.js";

/** The static declarations every distribution class carries. */
export interface Declared {
  readonly argConstraints: ArgConstraints;
  readonly support: Constraint;
  readonly reparametrized: readonly string[];
}

export abstract class DeclaredDistribution extends Distribution {
  static readonly argConstraints: ArgConstraints = {};
  static readonly support: Constraint = real;
  static readonly reparametrized: readonly string[] = [];

  /** The static declarations of this instance's class. */
  protected declared(): Declared {
    return this.constructor as unknown as Declared;
  }

  /**
   * Checks `params` against the class's `argConstraints` with the package's one validator,
   * naming this distribution; the discrete and multivariate families reject NaN.
   */
  protected validateDeclared(
    params: Readonly<Record<string, Tensor | undefined>>,
    nan: NaNPolicy = "reject",
  ): void {
    // always on, also under `withValidation(false, …)`, as before the switch existed
    validateArgs(this.name, this.declared().argConstraints, params, { validateArgs: true }, nan);
  }

  /** The class's declared support (overridden where it depends on the parameters). */
  get support(): Constraint {
    return this.declared().support;
  }
}

/** How a {@link ParametrizedDistribution} validates its parameters. */
export interface Validation {
  /** The caller's options (`validateArgs: false` skips the check). */
  readonly options?: DistributionOptions;
  /** NaN parameters: "reject" (default) or "propagate" (the continuous families). */
  readonly nan?: NaNPolicy;
  /** Store the parameters on the instance under their names (default true). */
  readonly store?: boolean;
}

/**
 * A declared distribution whose constructor is written once: it takes the name, the
 * parameter tensors, the batch and event shapes, validates the parameters against
 * `argConstraints` (the package's one validator), stores them on the instance under their
 * names (subclasses declare them with `declare readonly`), and sets `hasRsample` when every
 * declared parameter is reparametrized.
 */
export abstract class ParametrizedDistribution extends DeclaredDistribution {
  readonly name: string;
  readonly batchShape: Shape;
  readonly eventShape: Shape;

  protected constructor(
    name: string,
    params: Readonly<Record<string, Tensor | undefined>>,
    batchShape: Shape,
    eventShape: Shape = [],
    validation: Validation = {},
  ) {
    super();
    this.name = name;
    this.batchShape = batchShape;
    this.eventShape = eventShape;
    const declared = this.declared();
    validateArgs(
      name,
      declared.argConstraints,
      params,
      validation.options,
      validation.nan ?? "reject",
    );
    if (validation.store !== false)
      for (const k in params) {
        const v = params[k];
        if (v !== undefined) (this as unknown as Record<string, Tensor>)[k] = v;
      }
    (this as { hasRsample: boolean }).hasRsample = everyReparametrized(declared);
  }
}

/** Whether every declared parameter is reparametrized, computed once per class. */
const reparametrizedByClass = new WeakMap<Declared, boolean>();
function everyReparametrized(declared: Declared): boolean {
  let all = reparametrizedByClass.get(declared);
  if (all === undefined) {
    const names = Object.keys(declared.argConstraints);
    all = names.length > 0 && names.every((n) => declared.reparametrized.includes(n));
    reparametrizedByClass.set(declared, all);
  }
  return all;
}
