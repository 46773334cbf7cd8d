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
import type { Tensor } from "@sidereal/tensor";
import type { Constraint } from "./constraints/constraint.js";
import { real } from "./constraints/index.js";
import { Distribution } from "./distribution.js";
import type { ArgConstraints, NaNPolicy } from "./validate.js";
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
    validateArgs(this.name, this.declared().argConstraints, params, undefined, nan);
  }

  /** The class's declared support (overridden where it depends on the parameters). */
  get support(): Constraint {
    return this.declared().support;
  }
}
