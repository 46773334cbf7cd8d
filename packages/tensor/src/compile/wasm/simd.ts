/**
 * A small layer over binaryen's expression builder for f64x2 code: lane constants,
 * locals that are set once and read many times (`let`), and the integer tricks the
 * vectorised math functions share (float <-> small integer, 2^k by exponent bits).
 */
import type binaryenNamespace from "binaryen";
import type { Binaryen } from "./binaryen.js";

export type Expr = number;
export type Module = binaryenNamespace.Module;

const f64Bytes = new Float64Array(2);
const i64Bytes = new BigInt64Array(f64Bytes.buffer);
const byteView = new Uint8Array(f64Bytes.buffer);

/** 1.5·2^52: adding it to a float of magnitude < 2^51 leaves the integer in the low bits. */
export const MAGIC_ROUND = 6755399441055744;

/**
 * Builds one function body: statements plus v128/i32 locals set once. `stmts` is the
 * list that `let` appends to; callers may point it at a loop body and back.
 */
export class FnBuilder {
  stmts: Expr[] = [];
  readonly vars: number[] = [];
  private readonly pool = new Map<string, number>();
  /**
   * @param hoisted where lane constants are set once, into locals (for loops: the
   *   statements before the loop), instead of being materialised at every use.
   */
  constructor(
    readonly b: Binaryen,
    readonly m: Module,
    readonly paramCount: number,
    readonly hoisted?: Expr[],
  ) {}

  /** Both lanes the double `x`. */
  f64(x: number): Expr {
    return this.constant(`f${Object.is(x, -0) ? "-0" : x}`, () => f64x2(this.m, x));
  }
  /** Both lanes the 64-bit integer `x`. */
  i64(x: bigint): Expr {
    return this.constant(`i${x}`, () => i64x2(this.m, x));
  }
  private constant(key: string, make: () => Expr): Expr {
    if (!this.hoisted) return make();
    let idx = this.pool.get(key);
    if (idx === undefined) {
      idx = this.local();
      this.pool.set(key, idx);
      this.hoisted.push(this.m.local.set(idx, make()));
    }
    return this.m.local.get(idx, this.b.v128);
  }

  /** Declares a new local of `type` (default v128) and returns its index. */
  local(type: number = this.b.v128): number {
    this.vars.push(type);
    return this.paramCount + this.vars.length - 1;
  }
  /** Evaluates `value` once into a new local; the result reads it. */
  let(value: Expr, type: number = this.b.v128): () => Expr {
    return this.variable(value, type).get;
  }
  /** Like `let`, also returning the local's index (for later assignments). */
  variable(value: Expr, type: number = this.b.v128): { get: () => Expr; index: number } {
    const index = this.local(type);
    this.stmts.push(this.m.local.set(index, value));
    return { get: () => this.m.local.get(index, type), index };
  }
  /** The statements that `build` emits, collected apart from the current list. */
  collect(build: () => void): Expr[] {
    const saved = this.stmts;
    const out: Expr[] = [];
    this.stmts = out;
    try {
      build();
    } finally {
      this.stmts = saved;
    }
    return out;
  }
  param(index: number, type: number = this.b.v128): () => Expr {
    return () => this.m.local.get(index, type);
  }
}

/** Both lanes the double `x`. */
export function f64x2(m: Module, x: number): Expr {
  f64Bytes[0] = x;
  f64Bytes[1] = x;
  return m.v128.const(Array.from(byteView));
}
/** Both lanes the 64-bit integer `x`. */
export function i64x2(m: Module, x: bigint): Expr {
  i64Bytes[0] = x;
  i64Bytes[1] = x;
  return m.v128.const(Array.from(byteView));
}
/** The bit pattern of a double, as a BigInt. */
export function bitsOf(x: number): bigint {
  f64Bytes[0] = x;
  return i64Bytes[0];
}

/**
 * Integer-valued lanes (|k| < 2^51) as i64 lanes: adding 1.5·2^52 puts k in the low
 * mantissa bits, and subtracting the constant's bit pattern as an integer leaves k.
 */
export function floatToInt(fn: FnBuilder, k: Expr): Expr {
  return fn.m.i64x2.sub(fn.m.f64x2.add(k, fn.f64(MAGIC_ROUND)), fn.i64(bitsOf(MAGIC_ROUND)));
}
/** The inverse of `floatToInt` for small integer lanes. */
export function intToFloat(fn: FnBuilder, k: Expr): Expr {
  return fn.m.f64x2.sub(fn.m.i64x2.add(k, fn.i64(bitsOf(MAGIC_ROUND))), fn.f64(MAGIC_ROUND));
}
/** 2^k for integer lanes k in [-1022, 1023] (built from the exponent field). */
export function pow2(fn: FnBuilder, k: Expr): Expr {
  return fn.m.i64x2.shl(fn.m.i64x2.add(k, fn.i64(1023n)), fn.m.i32.const(52));
}

/**
 * y·2^k for integer lanes k in [-1076, 1024], in two factors 2^⌊k/2⌋·2^(k-⌊k/2⌋) so
 * that each is a normal number: the first product is exact and a subnormal or
 * overflowing result is rounded once, by the second.
 */
export function scaleBy2k(fn: FnBuilder, y: Expr, k: () => Expr): Expr {
  const m = fn.m;
  const k1 = fn.let(m.i64x2.shr_s(k(), m.i32.const(1)));
  const k2 = m.i64x2.sub(k(), k1());
  return m.f64x2.mul(m.f64x2.mul(y, pow2(fn, k1())), pow2(fn, k2));
}

/** Horner evaluation of c[0] + x·(c[1] + x·(c[2] + ...)). */
export function horner(fn: FnBuilder, x: () => Expr, c: readonly number[]): Expr {
  const m = fn.m;
  let acc = fn.f64(c[c.length - 1]);
  for (let j = c.length - 2; j >= 0; j--) acc = m.f64x2.add(m.f64x2.mul(acc, x()), fn.f64(c[j]));
  return acc;
}

/**
 * Estrin's scheme for the same polynomial: pairs c[2j] + c[2j+1]·x, then pairs of those
 * with x², x⁴, ... — depth log2(degree) instead of degree, so the long dependency chains
 * of a fused loop (exp feeding log1p feeding ...) are shorter.
 */
export function estrin(fn: FnBuilder, x: () => Expr, c: readonly number[]): Expr {
  const m = fn.m;
  let terms: (() => Expr)[] = c.map((v) => () => fn.f64(v));
  let power = x;
  while (terms.length > 1) {
    const next: (() => Expr)[] = [];
    for (let j = 0; j < terms.length; j += 2) {
      const lo = terms[j];
      const hi = terms[j + 1];
      if (hi === undefined) next.push(lo);
      else {
        const p = power;
        next.push(
          terms.length === 2
            ? () => m.f64x2.add(lo(), m.f64x2.mul(hi(), p()))
            : fn.let(m.f64x2.add(lo(), m.f64x2.mul(hi(), p()))),
        );
      }
    }
    terms = next;
    if (terms.length > 1) {
      const p = power;
      power = fn.let(m.f64x2.mul(p(), p()));
    }
  }
  return terms[0]();
}

/** 1/n! for n = from..to. */
export function inverseFactorials(from: number, to: number): number[] {
  const out: number[] = [];
  let f = 1;
  for (let n = 1; n <= to; n++) {
    f *= n;
    if (n >= from) out.push(1 / f);
  }
  return out;
}

/** A vectorised function's body, emitted inline into `fn` (its locals become fn's). */
export type InlineUnary = (fn: FnBuilder, x: () => Expr) => Expr;

/** Adds `body` as a function (v128) -> v128 named `name` (once); returns the name. */
export function addUnaryF64x2(b: Binaryen, m: Module, name: string, body: InlineUnary): string {
  if (m.getFunction(name)) return name;
  const fn = new FnBuilder(b, m, 1);
  const result = body(fn, fn.param(0));
  m.addFunction(name, b.v128, b.v128, fn.vars, m.block(null, [...fn.stmts, result], b.v128));
  return name;
}

/** ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's constants). */
export const LN2_HI = 0.6931471803691238;
export const LN2_LO = 1.9082149292705877e-10;
