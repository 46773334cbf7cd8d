import { adam, guidePredictive, svi } from "@sidereal/autodiff-samplers";
import { key, normal } from "@sidereal/distributions";
import { exoModel, forwardModel, makeGuide, TRUTHS } from "@sidereal/exo-retrieval";

const S = { wavMin: 22920, wavMax: 23000, nGrid: 1000, nlayer: 10 };
const fm = forwardModel(S);
const mu = fm.forward({ T0: 1200, alpha: 0.1, mmr: 0.01, g: 10 ** TRUTHS.logg, RV: 40, vsini: 10 });
const spectrum = Float64Array.from(mu.toArray() as ArrayLike<number>);
const data = { settings: S, spectrum };
const t = (l: string, f: () => unknown) => {
  const c = process.cpuUsage();
  const r = f();
  const d = process.cpuUsage(c);
  console.log(l, (d.user + d.system) / 1000, "ms cpu");
  return r;
};
const guide = makeGuide("diag");
const driver = svi(exoModel, guide, adam(0.01));
let state = t("init", () => driver.init(key(1), data)) as any;
t("update1", () => {
  [state] = driver.update(state, data);
});
t("update2", () => {
  [state] = driver.update(state, data);
});
const params = driver.getParams(state);
t("post50", () => guide.samplePosterior(key(2), params, 50));
t("pred3", () =>
  guidePredictive(exoModel, { guide, params, numSamples: 3, returnSites: ["spectrum"] })(key(3), {
    ...data,
    spectrum: undefined,
  }),
);
t("fwd", () =>
  fm.forward({ T0: 1200, alpha: 0.1, mmr: 0.01, g: 10 ** TRUTHS.logg, RV: 40, vsini: 10 }),
);
