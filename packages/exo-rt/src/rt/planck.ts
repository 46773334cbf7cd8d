/** π B_ν(T) in wavenumber units (erg/s/cm²/cm⁻¹), research/exojax.md §7.5. */
import { div, expm1, reshape, type Tensor, type TensorLike, toTensor } from "@sidereal/tensor";
import { FAC_PLANCK, HC_PER_K } from "../constants.js";

/** πB(T, ν) for temperatures `tarr` (Nlayer) and wavenumbers `nu` (Nnu) → (Nlayer, Nnu). */
export function piPlanck(tarr: TensorLike, nu: Float64Array): Tensor {
  const t = toTensor(tarr);
  const col = reshape(t, [t.size, 1]);
  const n = nu.length;
  const nu3 = reshape(
    nu.map((v) => FAC_PLANCK * v * v * v),
    [1, n],
  );
  const c2nu = reshape(
    nu.map((v) => HC_PER_K * v),
    [1, n],
  );
  return div(nu3, expm1(div(c2nu, col)));
}

/** πB as a plain number. */
export function piPlanckValue(t: number, nu: number): number {
  return (FAC_PLANCK * nu * nu * nu) / Math.expm1((HC_PER_K * nu) / t);
}
