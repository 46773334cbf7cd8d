import { compile, tensor, sum, mul, expandDims } from "@sidereal/tensor";
import { cloudOpticalDepth } from "../dist/optical-depth.js";
import { calcPseudoVoigtTensor } from "../dist/pseudo-voigt.js";
const S = 200;
const axis = tensor(Float64Array.from({length:S},(_,i)=>-60+120*i/(S-1)));
const w = tensor(Float64Array.from({length:S*3},(_,i)=>Math.sin(i)), [S,3]);
function prep(f, args) {
  const c = compile(f, args); const flat = c.flat;
  const n = args.reduce((a, t) => a + t.size, 0);
  const q = new Float64Array(n); let o = 0; for (const a of args) { q.set(a.data, o); o += a.size; }
  const g = new Float64Array(n);
  return () => flat(q, g);
}
const v3 = tensor([-5, 5, 10]), w3 = tensor([5,30,400]), t3 = tensor([3, 0.1, 0.04]);
const a = prep((v, fw, t) => sum(mul(w, mul(expandDims(t, -2), calcPseudoVoigtTensor(axis, v, fw, 0)))), [v3, w3, t3]);
const b = prep((v, fw, t) => sum(mul(w, cloudOpticalDepth(axis, v, fw, 0, t))), [v3, w3, t3]);
function cpu(f, R) { for (let i=0;i<200;i++) f(); const u0 = process.cpuUsage(); for (let i = 0; i < R; i++) f(); const u = process.cpuUsage(u0); return (u.user + u.system) / R; }
for (let rep = 0; rep < 3; rep++) console.log("tau·PV", cpu(a, 2000).toFixed(1), "µs cpu | fused", cpu(b, 2000).toFixed(1), "µs cpu");
