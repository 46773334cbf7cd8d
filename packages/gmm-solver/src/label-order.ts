/**
 * Label order of a chain relative to a mixture: `order[j]` = the most frequent component
 * (mode over draws; the smallest component on ties, as `scipy.stats.mode`) among the predicted
 * labels of cloud j. `labels` has `nDraws·nClouds` entries laid out draw-major (row `t·nClouds +
 * j` is draw t of cloud j) with values in `0 … nComponents − 1`.
 */
export function labelOrder(
  labels: Int32Array,
  nDraws: number,
  nClouds: number,
  nComponents: number,
): number[] {
  const counts = new Int32Array(nClouds * nComponents);
  for (let t = 0; t < nDraws; t++) {
    for (let j = 0; j < nClouds; j++) counts[j * nComponents + labels[t * nClouds + j]!]++;
  }
  const order: number[] = [];
  for (let j = 0; j < nClouds; j++) {
    let best = 0;
    for (let k = 1; k < nComponents; k++) {
      if (counts[j * nComponents + k]! > counts[j * nComponents + best]!) best = k;
    }
    order.push(best);
  }
  return order;
}

/** Whether `order` maps the clouds to pairwise distinct components (a permutation). */
export function isPermutation(order: readonly number[]): boolean {
  return new Set(order).size === order.length;
}

function compareLex(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * The most frequent of several label orders; among equally frequent ones the lexicographically
 * smallest (bayes_spec takes the first maximum over the sorted unique rows). Returns a copy.
 */
export function mostCommonOrder(orders: readonly (readonly number[])[]): number[] {
  const unique = new Map<string, { order: readonly number[]; count: number }>();
  for (const o of orders) {
    const k = o.join(",");
    const e = unique.get(k);
    if (e) e.count++;
    else unique.set(k, { order: o, count: 1 });
  }
  const sorted = [...unique.values()].sort((a, b) => compareLex(a.order, b.order));
  let best = sorted[0]!;
  for (const e of sorted) if (e.count > best.count) best = e;
  return [...best.order];
}

/**
 * The cloud permutation p that brings a chain with label order `order` to the adopted order:
 * `order[p[k]] = adopted[k]`, i.e. new cloud k := old cloud p[k] is the cloud that the mixture
 * assigns to the same component as cloud k of the adopted order. Both must be permutations of
 * the same components.
 */
export function cloudOrder(order: readonly number[], adopted: readonly number[]): number[] {
  const where = new Map<number, number>();
  for (const [cloud, component] of order.entries()) where.set(component, cloud);
  return adopted.map((component) => where.get(component)!);
}
