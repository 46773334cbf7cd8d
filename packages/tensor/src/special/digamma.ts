import { cosPi, sinPi } from "./trigPi.js";

// Positive root of digamma, split as hi + lo (mpmath, see fixtures/make_coefficients.py).
const X0_HI = 1.4616321449683622;
const X0_LO = 9.549995429965697e-17;
// ψ^(k)(x0)/k!, k = 1, 2, ...: Taylor coefficients of digamma at its root.
const DIGAMMA_TAYLOR: readonly number[] = [
  0.9676722454476212, -0.4427631689835921, 0.258499760955651, -0.16394270544240652,
  0.10782405069126237, -0.07219956125645471, 0.04880428816414311, -0.03316112647484736,
  0.022597648232218104, -0.01542476590494896, 0.010538791616612175, -0.007204534386356869,
  0.004926781395729853, -0.003369801655439328, 0.002305126326734928, -0.0015769367714301972,
  0.0010788252019162967, -0.0007380709389960052, 0.000504953265834602, -0.0003454680251063077,
  0.00023635601564027053, -0.00016170622091974803, 0.0001106337276874741, -0.00007569179582195066,
  0.00005178575795222081, -0.000035430070947659604, 0.00002424006611860132,
  -0.000016584242271854135, 0.00001134638458466385, -0.000007762817668462094,
  0.0000053110609208898636, -0.0000036336507898010456, 0.000002486022733129538,
  -0.0000017008538854332607, 0.0000011636675363548843, -7.96142543124197e-7, 5.446941930669446e-7,
  -3.7266161283438227e-7, 2.549626552021554e-7, -1.7443695117727745e-7, 1.1934394829830244e-7,
  -8.165115189488409e-8, 5.586299683532171e-8, -3.821960061917494e-8,
];

/** Asymptotic series ψ(x) ≈ log x - 1/(2x) - Σ B_{2k}/(2k x^{2k}), error < 1e-17 for x ≥ 10. */
function digammaAsymptotic(x: number): number {
  const r2 = 1 / (x * x);
  const tail =
    r2 *
    (1 / 12 +
      r2 *
        (-1 / 120 +
          r2 *
            (1 / 252 +
              r2 *
                (-1 / 240 +
                  r2 * (1 / 132 + r2 * (-691 / 32760 + r2 * (1 / 12 + r2 * (-3617 / 8160))))))));
  return Math.log(x) - 0.5 / x - tail;
}

/**
 * Digamma function ψ(x) = d/dx log Γ(x)  (the derivative of `lgamma`).
 *
 * Derivative: d/dx digamma(x) = trigamma(x).
 * Identities: ψ(x+1) = ψ(x) + 1/x;  ψ(1-x) - ψ(x) = π cot(πx).
 * Branches: x ≥ 10 asymptotic series; 1 ≤ x < 1.95 Taylor series about the root
 * x0 = 1.46163214496836… (with x - x0 formed in double-double, so relative accuracy holds at
 * the root); other x in (0, 10) recurrence onto those; x < 0 the reflection formula.
 * Edges: digamma(+0) = -Infinity, digamma(-0) = +Infinity, digamma(-n) = NaN (poles of both
 * signs), digamma(+Infinity) = +Infinity, NaN → NaN. Near the negative roots (x ≈ -0.504,
 * -1.573, …) the error is absolute (~1e-15), not relative.
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x === 0) return Object.is(x, -0) ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (x < 0) {
    if (Number.isInteger(x)) return Number.NaN;
    return digamma(1 - x) - (Math.PI * cosPi(x)) / sinPi(x);
  }
  let shift = 0;
  if (x < 1) {
    shift = -1 / x;
    x += 1;
  }
  if (x < 1.95) {
    const dx = x - X0_HI - X0_LO;
    let p = 0;
    for (let k = DIGAMMA_TAYLOR.length - 1; k >= 0; k--) p = p * dx + DIGAMMA_TAYLOR[k]!;
    return dx * p + shift;
  }
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  return digammaAsymptotic(x) + shift;
}
