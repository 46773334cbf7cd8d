import { compile, tensor, sum, mul, neg, expm1, log1p, cumsum, sub, add, exp, expandDims, squeeze, slice } from "@sidereal/tensor";
import { radiativeTransferTensor } from "../dist/radiative-transfer.js";
const S = 200, N = 3;
const w = tensor(Float64Array.from({length:S},(_,i)=>Math.sin(i)));
function prep(f, args) {
  const c = compile(f, args); const flat = c.flat;
  const n = args.reduce((a, t) => a + t.size, 0);
  const q = new Float64Array(n); let o = 0; for (const a of args) { q.set(a.data, o); o += a.size; }
  const g = new Float64Array(n);
  return [() => flat(q, g), q, g];
}
function vec(tau, ts, f, bg) {
  const e = expm1(neg(tau));               // −(1 − e^{−τ})
  const ff = expandDims(f, -2);
  const la = log1p(mul(ff, e));             // ln a_i
  const cs = cumsum(la, -1);                // ln A_{i+1}
  const excl = sub(cs, la);                 // ln A_i
  const emitted = sum(mul(mul(mul(ff, expandDims(ts, -2)), neg(e)), exp(excl)), -1);
  const aN = exp(squeeze(slice(cs, [null, [N - 1, N]]), -1));
  return sub(emitted, mul(bg, sub(1, aN)));
}
const tau0 = tensor(Float64Array.from({length:S*N},(_,i)=>0.1+0.01*i), [S, N]);
const ts = tensor([50,300,4000]), f = tensor([0.2,0.8,1.0]);
const [a, qa, ga] = prep((t, s, ff) => sum(mul(w, radiativeTransferTensor(t, s, ff, 3.77))), [tau0, ts, f]);
const [b, qb, gb] = prep((t, s, ff) => sum(mul(w, vec(t, s, ff, 3.77))), [tau0, ts, f]);
console.log("values", a(), b(), "grad maxdiff", Math.max(...ga.map((x,i)=>Math.abs(x-gb[i]))));
function cpu(f, R) { for (let i=0;i<200;i++) f(); const u0 = process.cpuUsage(); for (let i = 0; i < R; i++) f(); const u = process.cpuUsage(u0); return (u.user + u.system) / R; }
for (let rep = 0; rep < 3; rep++) console.log("loop", cpu(a, 3000).toFixed(1), "| vectorised", cpu(b, 3000).toFixed(1), "µs cpu");
