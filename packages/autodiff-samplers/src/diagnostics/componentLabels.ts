/**
 * ArviZ/xarray-style labels for every scalar component of a variable with
 * the given component dimensions, in row-major order: `[]` → `["mu"]`,
 * `[2]` → `["theta[0]", "theta[1]"]`, `[2, 3]` → `["L[0, 0]", …, "L[1, 2]"]`.
 */
export function componentLabels(name: string, componentDims: readonly number[]): string[] {
  if (componentDims.length === 0) return [name];
  const total = componentDims.reduce((a, b) => a * b, 1);
  const labels: string[] = [];
  const index = new Array<number>(componentDims.length).fill(0);
  for (let c = 0; c < total; c++) {
    labels.push(`${name}[${index.join(", ")}]`);
    for (let d = componentDims.length - 1; d >= 0; d--) {
      index[d]++;
      if (index[d] < componentDims[d]) break;
      index[d] = 0;
    }
  }
  return labels;
}
