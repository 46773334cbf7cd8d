/**
 * The traced graph of a function. Nodes are recorded in execution order, which is a
 * topological order. Recording already simplifies:
 * - constant folding: a node none of whose inputs depends on an argument is stored
 *   as a constant with the value computed during tracing;
 * - common sub-expressions: a node with the same primitive, attributes and inputs as
 *   an earlier one is replaced by it; scalar constants with the same value and shape are
 *   one node, so independently written guards such as `where(gt(x, 0), x, 1)` merge.
 */
import type { Recorder } from "../core/context.js";
import { CompileError } from "../core/errors.js";
import type { Primitive } from "../core/primitive.js";
import type { Shape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";

export type GraphNode =
  | { readonly kind: "input"; readonly id: number; readonly shape: Shape; readonly arg: number }
  | {
      readonly kind: "const";
      readonly id: number;
      readonly shape: Shape;
      readonly value: Float64Array;
    }
  | {
      readonly kind: "op";
      readonly id: number;
      readonly shape: Shape;
      readonly prim: Primitive;
      readonly inputs: readonly number[];
      readonly attrs: unknown;
    };

export class Graph implements Recorder {
  readonly nodes: GraphNode[] = [];
  private readonly ids = new Map<Tensor, number>();
  private readonly dependent: boolean[] = [];
  private readonly cse = new Map<string, number>();
  /** Scalar constants by value, so `where(gt(x, 0), x, 1)` written twice shares its nodes. */
  private readonly scalars = new Map<string, number>();

  addInput(t: Tensor, arg: number): void {
    const id = this.nodes.length;
    this.nodes.push({ kind: "input", id, shape: t.shape, arg });
    this.dependent.push(true);
    this.ids.set(t, id);
  }

  idOf(t: Tensor): number | undefined {
    return this.ids.get(t);
  }

  private constant(t: Tensor): number {
    const known = this.ids.get(t);
    if (known !== undefined) return known;
    const id = this.constantValue(t.shape, t._buf);
    this.ids.set(t, id);
    return id;
  }

  /** A constant node for `value` (scalars shared by value). */
  private constantValue(shape: Shape, value: Float64Array): number {
    const t = { shape, _buf: value };
    // Object.is keeps 0 and -0 (and NaN payload-insensitively) apart from each other
    const scalarKey =
      t._buf.length === 1
        ? `${t.shape.join("x")}|${Object.is(t._buf[0], -0) ? "-0" : t._buf[0]}`
        : null;
    if (scalarKey !== null) {
      const hit = this.scalars.get(scalarKey);
      if (hit !== undefined) return hit;
    }
    const id = this.nodes.length;
    this.nodes.push({ kind: "const", id, shape, value });
    this.dependent.push(false);
    if (scalarKey !== null) this.scalars.set(scalarKey, id);
    return id;
  }

  onApply(prim: Primitive, inputs: readonly Tensor[], attrs: unknown, out: Tensor): void {
    const ids = inputs.map((x) => this.constant(x));
    const dep = ids.some((i) => this.dependent[i]);
    if (!dep) {
      this.constant(out);
      return;
    }
    const simplified = this.identityOperand(prim, ids, out) ?? this.logOfExp(prim, ids, out);
    if (simplified !== undefined) {
      this.ids.set(out, simplified);
      return;
    }
    const key = `${prim.name}|${prim.attrsKey ? prim.attrsKey(attrs) : attrs === undefined ? "" : "#"}|${ids.join(",")}`;
    // Only primitives that state their attributes (or have none) take part in CSE.
    const cseable = prim.attrsKey !== undefined || attrs === undefined;
    if (cseable) {
      const hit = this.cse.get(key);
      if (hit !== undefined) {
        this.ids.set(out, hit);
        return;
      }
    }
    const id = this.nodes.length;
    this.nodes.push({ kind: "op", id, shape: out.shape, prim, inputs: ids, attrs });
    this.dependent.push(true);
    this.ids.set(out, id);
    if (cseable) this.cse.set(key, id);
  }

  /**
   * Algebraic identities x·1 = x, x+0 = x, x-0 = x where the constant does not change
   * the shape: returns the id of `x`, or undefined.
   */
  private identityOperand(
    prim: Primitive,
    ids: readonly number[],
    out: Tensor,
  ): number | undefined {
    const name = prim.name;
    if (name !== "mul" && name !== "add" && name !== "sub") return undefined;
    const unit = name === "mul" ? 1 : 0;
    for (let k = 0; k < 2; k++) {
      if (name === "sub" && k === 0) continue;
      const c = this.nodes[ids[k]];
      const other = this.nodes[ids[1 - k]];
      if (c.kind !== "const" || !this.dependent[other.id]) continue;
      if (other.shape.length !== out.shape.length || other.shape.some((d, i) => d !== out.shape[i]))
        continue;
      if (c.value.every((v) => v === unit)) return other.id;
    }
    return undefined;
  }

  /**
   * log(exp(x)) = x, also through a guard: log(where(c, exp(x), k)) = where(c, x, log k)
   * for a constant k (the form distributions produce for `log(value)` of a positive site
   * sampled through an exp bijector). XLA's algebraic simplifier applies the same rule. The
   * result is x itself, which is at least as accurate as rounding exp(x) and taking its log;
   * it differs only where exp(x) overflows (x > 709.78), where the unsimplified graph
   * returns +Infinity. Returns the id of the replacement, or undefined.
   */
  private logOfExp(prim: Primitive, ids: readonly number[], out: Tensor): number | undefined {
    if (prim.name !== "log") return undefined;
    const arg = this.nodes[ids[0]];
    if (arg.kind !== "op") return undefined;
    const sameShape = (id: number) => {
      const sh = this.nodes[id].shape;
      return sh.length === out.shape.length && sh.every((d, i) => d === out.shape[i]);
    };
    const expInput = (id: number): number | undefined => {
      const n = this.nodes[id];
      return n.kind === "op" && n.prim.name === "exp" ? n.inputs[0] : undefined;
    };
    const direct = expInput(arg.id);
    if (direct !== undefined) return sameShape(direct) ? direct : undefined;
    if (arg.prim.name !== "where") return undefined;
    const [cond, onTrue, onFalse] = arg.inputs;
    const x = expInput(onTrue);
    const k = this.nodes[onFalse];
    if (x === undefined || k.kind !== "const") return undefined;
    if (this.nodes[x].shape.length !== this.nodes[onTrue].shape.length) return undefined;
    if (!this.nodes[x].shape.every((d, i) => d === this.nodes[onTrue].shape[i])) return undefined;
    const logK = this.constantValue(k.shape, k.value.map(Math.log));
    const key = `where||${cond},${x},${logK}`;
    const hit = this.cse.get(key);
    if (hit !== undefined) return hit;
    const id = this.nodes.length;
    this.cse.set(key, id);
    this.nodes.push({
      kind: "op",
      id,
      shape: out.shape,
      prim: arg.prim,
      inputs: [cond, x, logK],
      attrs: arg.attrs,
    });
    this.dependent.push(true);
    return id;
  }

  onRead(t: Tensor, what: string): void {
    const id = this.ids.get(t);
    if (id !== undefined && this.dependent[id])
      throw new CompileError(
        t._op,
        `${what} reads the value of a traced tensor (produced by "${t._op}"); compiled functions need ` +
          "data-independent control flow: use where/masks instead of branching on values",
      );
  }

  /** Node ids reachable backwards from `outputs` (dead-code elimination). */
  live(outputs: readonly number[]): Set<number> {
    const live = new Set<number>(outputs);
    for (let k = this.nodes.length - 1; k >= 0; k--) {
      const n = this.nodes[k];
      if (!live.has(k) || n.kind !== "op") continue;
      for (const i of n.inputs) live.add(i);
    }
    return live;
  }
}
