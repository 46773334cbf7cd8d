/**
 * The app's figures (SVG strings; the runtime writes SVG + PNG): the data plot of each spectrum
 * with its noise level (tutorial cells [2], [6]), predictive draws against the data (cells [14],
 * [27], [39]), traces and pair plots of the cloud parameters (cells [37], [40], [41]), the bias
 * study per cloud, and BIC against the number of clouds.
 */
import type { SpecData, VariableGroup } from "@sidereal/hi-physics";
import {
  type DensitySample,
  type LineSeries,
  type Posterior,
  plotDensity1d,
  plotLines,
  plotPair,
  plotPredictive,
  plotTrace,
} from "@sidereal/plots";
import type { Figure } from "@sidereal/runtime";

type Spectrum = Pick<SpecData, "spectral" | "brightness" | "noise" | "xlabel" | "ylabel">;

/** One figure per spectrum: the data and ±1σ noise lines about zero. */
export function dataFigures(data: Readonly<Record<string, Spectrum>>, prefix = "data"): Figure[] {
  return Object.entries(data).map(([key, s]) => {
    const series: LineSeries[] = [
      { x: s.spectral, y: s.brightness, label: key, color: "#222222", width: 1.2 },
      { x: s.spectral, y: s.noise, label: "±1σ noise", color: "#d55e00", dash: "4 3", width: 1 },
      { x: s.spectral, y: s.noise.map((v) => -v), color: "#d55e00", dash: "4 3", width: 1 },
    ];
    return {
      name: `${prefix}-${key}`,
      svg: plotLines(series, { title: key, xLabel: s.xlabel, yLabel: s.ylabel }),
      caption: `Data: ${key} spectrum with its noise level`,
    };
  });
}

/** Predictive draws (every `every`-th of the group's chain × draw) against each spectrum. */
export function predictiveFigures(
  data: Readonly<Record<string, Spectrum>>,
  group: VariableGroup,
  what: "prior" | "posterior" | "advi",
  every = 1,
): Figure[] {
  const out: Figure[] = [];
  for (const [key, s] of Object.entries(data)) {
    const v = group[key];
    if (!v) continue;
    const n = s.spectral.length;
    const count = v.values.length / n;
    const draws: Float64Array[] = [];
    for (let k = 0; k < count; k += every) draws.push(v.values.subarray(k * n, (k + 1) * n));
    const title = {
      prior: "Prior predictive",
      posterior: "Posterior predictive",
      advi: "ADVI posterior predictive",
    }[what];
    out.push({
      name: `${what}-predictive-${key}`,
      svg: plotPredictive({
        x: s.spectral,
        observed: s.brightness,
        draws,
        title: `${title}: ${key}`,
        xLabel: s.xlabel,
        yLabel: s.ylabel,
      }),
      caption: `${title}: ${key} (${draws.length} draws) against the data`,
    });
  }
  return out;
}

/** A posterior group as the plots' `Posterior` (only `names` present in it). */
export function asPosterior(group: VariableGroup, names: readonly string[]): Posterior {
  const out: Record<string, Posterior[string]> = {};
  for (const n of names) {
    const v = group[n];
    if (v) out[n] = { draws: v.values, shape: v.shape, dims: v.dims.slice(2) };
  }
  return out;
}

/** Cloud k of every per-cloud variable of `names` (shape [chain, draw]); every `every`-th draw. */
export function cloudPosterior(
  group: VariableGroup,
  names: readonly string[],
  k: number,
  every = 1,
): Posterior {
  const out: Record<string, Posterior[string]> = {};
  for (const n of names) {
    const v = group[n];
    if (!v || v.shape.length !== 3) continue;
    const [chains, draws, clouds] = v.shape;
    const kept = Math.ceil(draws / every);
    const buf = new Float64Array(chains * kept);
    for (let c = 0; c < chains; c++)
      for (let d = 0, i = 0; d < draws; d += every, i++)
        buf[c * kept + i] = v.values[(c * draws + d) * clouds + k];
    out[n] = { draws: buf, shape: [chains, kept] };
  }
  return out;
}

/** Trace plot of the cloud parameters (compact: one row per variable). */
export const traceFigure = (
  group: VariableGroup,
  names: readonly string[],
  name = "trace",
): Figure => ({
  name,
  svg: plotTrace(asPosterior(group, names), { compact: true }),
  caption: "Traces: cloud parameters per chain (colour = cloud)",
});

/**
 * Pair plots (cell [40], [41]): all clouds combined, then cloud by cloud with the truths of
 * the simulation cloud matched by velocity (`match[k]` = truth index of cloud k).
 */
export function pairFigures(
  group: VariableGroup,
  names: readonly string[],
  options: {
    readonly truths?: Readonly<Record<string, ArrayLike<number>>>;
    readonly match?: readonly number[];
    readonly every?: number;
    readonly prefix?: string;
  } = {},
): Figure[] {
  const prefix = options.prefix ?? "pair";
  const every = options.every ?? 10;
  const nClouds = group.velocity?.shape[2] ?? 0;
  const all: Figure = {
    name: `${prefix}-clouds`,
    svg: plotPair(cloudPoolPosterior(group, names, every), { kind: "scatter", showTitles: false }),
    caption: `${prefix === "pair" ? "Pair plot" : "Prior pair plot"}: all clouds (points of every cloud)`,
  };
  const out = [all];
  for (let k = 0; k < nClouds; k++) {
    const post = cloudPosterior(group, names, k, every);
    const truths: Record<string, number> = {};
    const t = options.truths;
    const j = options.match?.[k];
    if (t && j !== undefined)
      for (const n of Object.keys(post)) if (t[n] && j < t[n].length) truths[n] = t[n][j];
    out.push({
      name: `${prefix}-cloud${k}`,
      svg: plotPair(post, { kind: "scatter", truths }),
      caption: `${prefix === "pair" ? "Pair plot" : "Prior pair plot"}: cloud ${k}${j !== undefined ? ` (truth: simulation cloud ${j})` : ""}`,
    });
  }
  return out;
}

/** Every cloud's draws pooled (bayes_spec's combine_dims=["cloud"]). */
function cloudPoolPosterior(
  group: VariableGroup,
  names: readonly string[],
  every: number,
): Posterior {
  const nClouds = group.velocity?.shape[2] ?? 1;
  const parts = Array.from({ length: nClouds }, (_, k) => cloudPosterior(group, names, k, every));
  const out: Record<string, Posterior[string]> = {};
  for (const n of Object.keys(parts[0] ?? {})) {
    const len = parts[0][n].draws.length;
    const buf = new Float64Array(len * nClouds);
    parts.forEach((p, k) => {
      buf.set(p[n].draws, k * len);
    });
    out[n] = { draws: buf, shape: [1, len * nClouds] };
  }
  return out;
}

/** Draws of cloud k of variable `name` (all chains pooled), or undefined. */
export function cloudDraws(
  group: VariableGroup,
  name: string,
  k: number,
): Float64Array | undefined {
  const v = group[name];
  if (!v || v.shape.length !== 3) return undefined;
  const clouds = v.shape[2];
  const n = v.values.length / clouds;
  return Float64Array.from({ length: n }, (_, i) => v.values[i * clouds + k]);
}

/** One bias panel: the posteriors of the fits against the truth. */
export function biasPanel(
  name: string,
  caption: string,
  variable: string,
  sets: readonly DensitySample[],
  truth: number | undefined,
  title: string,
): Figure {
  return {
    name,
    svg: plotDensity1d(
      sets.filter((s) => s.values.length > 0),
      {
        title,
        xLabel: variable,
        yLabel: "density",
        ...(truth !== undefined ? { markers: [{ value: truth, label: "truth" }] } : {}),
      },
    ),
    caption,
  };
}

/** BIC against the number of clouds (0 = baselines only). */
export function bicFigure(bics: Readonly<Record<number, number>>, best: number): Figure {
  const ks = Object.keys(bics)
    .map(Number)
    .filter((k) => Number.isFinite(bics[k]))
    .sort((a, b) => a - b);
  return {
    name: "bic",
    svg: plotLines(
      [
        { x: ks, y: ks.map((k) => bics[k]), label: "BIC", color: "#222222", width: 1.5 },
        {
          x: [best, best],
          y: [Math.min(...ks.map((k) => bics[k])), Math.max(...ks.map((k) => bics[k]))],
          label: `best: ${best}`,
          color: "#d55e00",
          dash: "4 3",
        },
      ],
      { title: "BIC against the number of clouds", xLabel: "n_clouds", yLabel: "BIC" },
    ),
    caption: `BIC against the number of clouds (best ${best})`,
  };
}
