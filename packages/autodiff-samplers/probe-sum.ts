import { essBulk, essTail, rhat, summary } from "./dist/index.js";
const x = new Float64Array(8000).map(() => Math.random());
for (const [name, f] of [["essBulk", essBulk], ["essTail", essTail], ["rhat", rhat]] as const) {
  for (let i = 0; i < 20; i++) f(x, 2);
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) f(x, 2);
  console.log(name, "ms", ((performance.now() - t0) / 50).toFixed(2));
}
const post = { a: { draws: x, shape: [2, 4000] } };
const t0 = performance.now();
for (let i = 0; i < 20; i++) summary(post as never);
console.log("summary per variable ms", ((performance.now() - t0) / 20).toFixed(2));
