/**
 * Gradient check: the reverse-mode gradient of L = Σ w ⊙ f(args) (fixed random weights w)
 * against central finite differences in every input element: |g − fd| ≤ rtol·|g| plus the
 * difference's own rounding error 10·ε·|L|/h.
 */
import { grad, mul, sum, type Tensor, tensor } from "@sidereal/tensor";

export function checkGradient(
  f: (...args: Tensor[]) => Tensor,
  args: readonly Float64Array[],
  rtol = 1e-6,
): void {
  const shapes = args.map((a) => [a.length]);
  const out0 = f(...args.map((a, i) => tensor(a, shapes[i])));
  // Deterministic pseudo-random weights in [0.5, 1.5).
  const w = Float64Array.from({ length: out0.size }, (_, i) => 0.5 + ((i * 0.6180339887) % 1));
  const wt = tensor(w, out0.shape);
  const loss = (...ts: Tensor[]) => sum(mul(wt, f(...ts)));
  const analytic = grad(loss)(...args.map((a, i) => tensor(a, shapes[i])));
  args.forEach((a, k) => {
    for (let j = 0; j < a.length; j++) {
      const h = 1e-6 * (Math.abs(a[j]) || 1);
      const plus = args.map((b) => b.slice());
      const minus = args.map((b) => b.slice());
      plus[k][j] += h;
      minus[k][j] -= h;
      const lp = loss(...plus.map((b, i) => tensor(b, shapes[i]))).item();
      const lm = loss(...minus.map((b, i) => tensor(b, shapes[i]))).item();
      const fd = (lp - lm) / (2 * h);
      const g = analytic[k].data[j];
      // The central difference carries a rounding error ≈ ε·|L|/h (ε = 2.2e-16): allowed on top.
      const rounding = (10 * 2.2e-16 * Math.max(Math.abs(lp), Math.abs(lm))) / h;
      if (!(Math.abs(g - fd) <= rtol * Math.max(Math.abs(fd), Math.abs(g)) + rounding))
        throw new Error(`argument ${k}[${j}]: reverse-mode ${g} vs finite difference ${fd}`);
    }
  });
}
