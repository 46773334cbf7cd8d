/**
 * Sequential colour maps for heat maps and colour-coded points.
 *
 * `viridis` (van der Walt & Smith 2015, designed in CAM02-UCS to be perceptually uniform
 * and readable with the common colour-vision deficiencies and in grey scale) is
 * interpolated linearly in sRGB between 33 anchors — entries 0, 8, 16, …, 255 of the
 * published 256-entry table (mpl-colormaps, CC0). Against the full table the largest
 * deviation is 1.7/255 per channel. `greys` runs from white to black (grey scale
 * printing, "probability" maps); `reverse` flips either.
 */
import { PlotError } from "./errors.js";

/** Name of a built-in colour map. */
export type ColormapName = "viridis" | "greys";

/** A colour map: a name, optionally reversed. */
export interface ColormapSpec {
  readonly name?: ColormapName;
  readonly reverse?: boolean;
}

/** RGB in [0, 1]. */
type Rgb = readonly [number, number, number];

// [table index i, r, g, b] of viridis table entries i = round(k·255/32), k = 0..32, at
// position i/255 (see test/fixtures/gen_viridis.py).
const VIRIDIS_TABLE: readonly (readonly [number, number, number, number])[] = [
  [0, 0.267004, 0.004874, 0.329415],
  [8, 0.277018, 0.050344, 0.375715],
  [16, 0.282327, 0.094955, 0.417331],
  [24, 0.282884, 0.13592, 0.453427],
  [32, 0.278826, 0.17549, 0.483397],
  [40, 0.270595, 0.214069, 0.507052],
  [48, 0.258965, 0.251537, 0.524736],
  [56, 0.244972, 0.287675, 0.53726],
  [64, 0.229739, 0.322361, 0.545706],
  [72, 0.214298, 0.355619, 0.551184],
  [80, 0.19943, 0.387607, 0.554642],
  [88, 0.185556, 0.41857, 0.556753],
  [96, 0.172719, 0.448791, 0.557885],
  [104, 0.160665, 0.47854, 0.558115],
  [112, 0.149039, 0.508051, 0.55725],
  [120, 0.13777, 0.537492, 0.554906],
  [128, 0.127568, 0.566949, 0.550556],
  [135, 0.121148, 0.592739, 0.544641],
  [143, 0.120081, 0.622161, 0.534946],
  [151, 0.130067, 0.651384, 0.521608],
  [159, 0.153894, 0.680203, 0.504172],
  [167, 0.19109, 0.708366, 0.482284],
  [175, 0.239374, 0.735588, 0.455688],
  [183, 0.296479, 0.761561, 0.424223],
  [191, 0.360741, 0.785964, 0.387814],
  [199, 0.430983, 0.808473, 0.346476],
  [207, 0.506271, 0.828786, 0.300362],
  [215, 0.585678, 0.846661, 0.249897],
  [223, 0.668054, 0.861999, 0.196293],
  [231, 0.751884, 0.874951, 0.143228],
  [239, 0.83527, 0.886029, 0.102646],
  [247, 0.916242, 0.896091, 0.100717],
  [255, 0.993248, 0.906157, 0.143936],
];

const VIRIDIS_ANCHORS = VIRIDIS_TABLE.map(([i, r, g, b]) => [i / 255, r, g, b] as const);

const GREYS_ANCHORS: readonly (readonly [number, number, number, number])[] = [
  [0, 1, 1, 1],
  [1, 0, 0, 0],
];

function anchorsOf(name: ColormapName) {
  return name === "greys" ? GREYS_ANCHORS : VIRIDIS_ANCHORS;
}

/**
 * Colour of the map at `t ∈ [0, 1]` (clamped) as RGB in [0, 1]. Throws a PlotError for a
 * non-finite `t` or an unknown map name.
 */
export function colormapRgb(t: number, spec: ColormapSpec = {}): Rgb {
  if (!Number.isFinite(t)) throw new PlotError("colormapRgb", "t", "value", `got ${t}`);
  const name = spec.name ?? "viridis";
  if (name !== "viridis" && name !== "greys")
    throw new PlotError("colormapRgb", "spec.name", "value", `unknown colour map "${name}"`);
  let u = Math.min(1, Math.max(0, t));
  if (spec.reverse) u = 1 - u;
  const a = anchorsOf(name);
  let k = 1;
  while (k < a.length - 1 && a[k][0] < u) k++;
  const [p0, r0, g0, b0] = a[k - 1];
  const [p1, r1, g1, b1] = a[k];
  const f = p1 > p0 ? (u - p0) / (p1 - p0) : 0;
  return [r0 + f * (r1 - r0), g0 + f * (g1 - g0), b0 + f * (b1 - b0)];
}

function hex2(v: number): string {
  return Math.round(Math.min(1, Math.max(0, v)) * 255)
    .toString(16)
    .padStart(2, "0");
}

/** Colour of the map at `t ∈ [0, 1]` as `#rrggbb`. */
export function colormapHex(t: number, spec: ColormapSpec = {}): string {
  const [r, g, b] = colormapRgb(t, spec);
  return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
}

/**
 * The anchors as gradient stops (`offset` in [0, 1] from the low end): an SVG
 * `linearGradient` through them reproduces {@link colormapRgb} exactly (SVG interpolates
 * stops linearly in sRGB).
 */
export function colormapStops(spec: ColormapSpec = {}): { offset: number; color: string }[] {
  const a = anchorsOf(spec.name ?? "viridis");
  return a.map(([p]) => ({ offset: p, color: colormapHex(spec.reverse ? 1 - p : p, spec) }));
}
