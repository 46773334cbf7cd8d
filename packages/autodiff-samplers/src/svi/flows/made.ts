/**
 * MADE masks (Germain, Gregor, Murray & Larochelle 2015, "MADE: Masked Autoencoder for
 * Distribution Estimation", ICML) for an autoregressive network on d inputs in their natural
 * order.
 *
 * Degrees: input j has degree j + 1 (1..d); the k-th of h hidden units of a layer has degree
 * ⌊k(d − 1)/h⌋ + 1, spreading the degrees 1..d − 1 evenly (MADE's deterministic assignment;
 * degree d would connect to no output). A weight from a unit of degree a to a hidden unit of
 * degree c is kept when c ≥ a; a weight to an output of variable i (degree i + 1) is kept
 * when i + 1 > a. Each output then depends on inputs j < i only. Outputs come in
 * `multiplier` groups of d (e.g. shift and scale), each with the degrees 1..d.
 */

/** Masks of a MADE network: `masks[l]` is row-major [in_l, out_l] with 0/1 entries. */
export interface MadeMasks {
  readonly layerSizes: readonly number[];
  readonly masks: readonly Float64Array[];
}

/** Hidden-unit degrees of a layer of width h for d inputs (requires d ≥ 2). */
export function hiddenDegrees(d: number, h: number): Int32Array {
  const deg = new Int32Array(h);
  for (let k = 0; k < h; k++) deg[k] = Math.floor((k * (d - 1)) / h) + 1;
  return deg;
}

/**
 * Masks for inputs d → hidden sizes → `multiplier`·d outputs. Requires d ≥ 2 and positive
 * hidden sizes (validated by the caller).
 */
export function madeMasks(d: number, hidden: readonly number[], multiplier: number): MadeMasks {
  const inDeg = new Int32Array(d);
  for (let j = 0; j < d; j++) inDeg[j] = j + 1;
  const outDeg = new Int32Array(multiplier * d);
  for (let k = 0; k < multiplier * d; k++) outDeg[k] = (k % d) + 1;
  const degs: Int32Array[] = [inDeg, ...hidden.map((h) => hiddenDegrees(d, h)), outDeg];
  const masks: Float64Array[] = [];
  for (let l = 0; l + 1 < degs.length; l++) {
    const a = degs[l];
    const c = degs[l + 1];
    const isOutput = l + 2 === degs.length;
    const m = new Float64Array(a.length * c.length);
    for (let r = 0; r < a.length; r++)
      for (let k = 0; k < c.length; k++)
        m[r * c.length + k] = (isOutput ? c[k] > a[r] : c[k] >= a[r]) ? 1 : 0;
    masks.push(m);
  }
  return { layerSizes: degs.map((x) => x.length), masks };
}
