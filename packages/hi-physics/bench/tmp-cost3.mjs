import { compile, tensor, sum, mul, exp, neg, expm1, log1p, cumsum, sub, add } from "@sidereal/tensor";
import { radiativeTransferTensor, calcPseudoVoigtTensor } from "@sidereal/hi-physics";
const S = 200, N = 3;
const axis = tensor(Float64Array.from({length:S},(_,i)=>-60+120*i/(S-1)));
const w = tensor(Float64Array.from({length:S},(_,i)=>Math.sin(i)));
function time(label, f, args) {
  const c = compile(f, args);
  const flat = c.flat;
  const n = args.reduce((a, t) => a + t.size, 0);
  const q = new Float64Array(n); let o = 0; for (const a of args) { q.set(a.data, o); o += a.size; }
  const g = new Float64Array(n);
  for (let i = 0; i < 300; i++) flat(q, g);
  const t = performance.now(); const R = 3000;
  for (let i = 0; i < R; i++) flat(q, g);
  console.log(label, ((performance.now() - t) / R * 1000).toFixed(1), "µs");
}
const tau0 = tensor(Float64Array.from({length:S*N},(_,i)=>0.1+0.01*i), [S, N]);
const v3 = tensor([-5, 5, 10]), f3 = tensor([0.2,0.8,1.0]), ts3 = tensor([50,300,4000]), w3 = tensor([5,30,400]);
time("RT loop", (tau, ts, f) => sum(mul(w, radiativeTransferTensor(tau, ts, f, 3.77))), [tau0, ts3, f3]);
time("pseudo-voigt gauss", (v, fw) => sum(mul(w.reshape ? w : w, sum(calcPseudoVoigtTensor(axis, v, fw, 0), -1))), [v3, w3]);
time("exp only", (tau) => sum(exp(neg(tau))), [tau0]);
