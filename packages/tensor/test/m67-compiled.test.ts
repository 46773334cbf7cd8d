import { compile, scalar, tensor, valueAndGrad } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { m67HandGradient, m67LogDensity, syntheticM67 } from "../bench/m67-model.ts";

/**
 * The M67 cluster log-density (seed 004) three ways: eager ops, compiled ops and the
 * hand-derived fused loop. All three must agree: the hand loop is an independent
 * derivation of the gradient, so this also checks AD on a realistic 4,304-parameter model.
 */
describe("M67 cluster log-density", () => {
  const n = 4300;
  const data = syntheticM67(n);
  const f = m67LogDensity(data);
  const q = new Float64Array(n + 4);
  q[0] = Math.log(400);
  q[1] = Math.log(900);
  q[2] = -3;
  q[3] = 0.2;
  for (let i = 0; i < n; i++) q[4 + i] = Math.log(1000 / Math.max(data.plx[i], 0.3));
  const args = [scalar(q[0]), scalar(q[1]), scalar(q[2]), scalar(q[3]), tensor(q.subarray(4))];

  it("eager, compiled and hand-derived value and gradient agree to 1e-12", () => {
    const gh = new Float64Array(n + 4);
    const vh = m67HandGradient(data)(q, gh);
    const [v, grads] = valueAndGrad(f)(...args);
    const ge = new Float64Array(n + 4);
    let off = 0;
    for (const g of grads) {
      ge.set(g.toArray(), off);
      off += g.size;
    }
    const c = compile(f, args);
    const gc = new Float64Array(n + 4);
    const vc = c.flat(q, gc);
    expect(Math.abs(v.item() - vh) / Math.abs(vh)).toBeLessThan(1e-12);
    expect(Math.abs(vc - vh) / Math.abs(vh)).toBeLessThan(1e-12);
    for (let i = 0; i < n + 4; i++) {
      const scale = Math.max(1, Math.abs(gh[i]));
      expect(Math.abs(ge[i] - gh[i]) / scale).toBeLessThan(1e-10);
      expect(Math.abs(gc[i] - gh[i]) / scale).toBeLessThan(1e-10);
    }
  });
});
