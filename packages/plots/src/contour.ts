/**
 * Contour lines of a gridded scalar field by marching squares (Lorensen & Cline's
 * marching cubes specialised to 2-D), with saddles resolved by the cell-centre mean,
 * and crossing segments joined into polylines.
 */
import { fmt } from "./format.js";
import type { StrokeStyle } from "./marks.js";
import type { Panel } from "./panel.js";
import { el } from "./svg.js";
import { THEME } from "./theme.js";

/** Edges of a cell: 0 bottom (a–b), 1 right (b–c), 2 top (d–c), 3 left (a–d). */
type Edge = 0 | 1 | 2 | 3;

// Segments (pairs of crossed edges) for each corner case; a = 1, b = 2, c = 4, d = 8.
// Cases 5 and 10 are saddles and handled separately.
const TABLE: readonly (readonly (readonly [Edge, Edge])[])[] = [
  [],
  [[3, 0]],
  [[0, 1]],
  [[3, 1]],
  [[1, 2]],
  [],
  [[0, 2]],
  [[3, 2]],
  [[2, 3]],
  [[0, 2]],
  [],
  [[1, 2]],
  [[3, 1]],
  [[0, 1]],
  [[3, 0]],
  [],
];

/**
 * Contour polylines at `level` of `values[iy * nx + ix]` sampled at (xs[ix], ys[iy]).
 * Each polyline is a flat array `[x0, y0, x1, y1, ...]` in data coordinates.
 */
export function contourLines(
  values: Float64Array,
  nx: number,
  ny: number,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  level: number,
): number[][] {
  const segs: number[] = [];
  const v = (ix: number, iy: number) => values[iy * nx + ix];
  // Crossing point on the edge between grid nodes p and q; computed with p before q in
  // index order so neighbouring cells produce bit-identical endpoints.
  const cross = (px: number, py: number, qx: number, qy: number): [number, number] => {
    const vp = v(px, py);
    const vq = v(qx, qy);
    let t = vq === vp ? 0.5 : (level - vp) / (vq - vp);
    // Snap crossings at a node onto the node so that all edges meeting there agree exactly.
    if (t < 1e-9) t = 0;
    else if (t > 1 - 1e-9) t = 1;
    return [xs[px] + t * (xs[qx] - xs[px]), ys[py] + t * (ys[qy] - ys[py])];
  };
  for (let iy = 0; iy < ny - 1; iy++) {
    for (let ix = 0; ix < nx - 1; ix++) {
      const a = v(ix, iy) >= level ? 1 : 0;
      const b = v(ix + 1, iy) >= level ? 2 : 0;
      const c = v(ix + 1, iy + 1) >= level ? 4 : 0;
      const d = v(ix, iy + 1) >= level ? 8 : 0;
      const code = a | b | c | d;
      const point = (e: Edge): [number, number] => {
        if (e === 0) return cross(ix, iy, ix + 1, iy);
        if (e === 1) return cross(ix + 1, iy, ix + 1, iy + 1);
        if (e === 2) return cross(ix, iy + 1, ix + 1, iy + 1);
        return cross(ix, iy, ix, iy + 1);
      };
      let pairs = TABLE[code];
      if (code === 5 || code === 10) {
        const centre = (v(ix, iy) + v(ix + 1, iy) + v(ix + 1, iy + 1) + v(ix, iy + 1)) / 4 >= level;
        const isolateBD: readonly (readonly [Edge, Edge])[] = [
          [0, 1],
          [2, 3],
        ];
        const isolateAC: readonly (readonly [Edge, Edge])[] = [
          [3, 0],
          [1, 2],
        ];
        // High centre joins the high diagonal, so the two low corners are cut off.
        pairs = code === 5 ? (centre ? isolateBD : isolateAC) : centre ? isolateAC : isolateBD;
      }
      for (const [e1, e2] of pairs) {
        const p = point(e1);
        const q = point(e2);
        segs.push(p[0], p[1], q[0], q[1]);
      }
    }
  }
  return joinSegments(segs);
}

/** Join segments `[x0, y0, x1, y1]*` that share endpoints exactly into polylines. */
function joinSegments(segs: readonly number[]): number[][] {
  const count = segs.length / 4;
  const byPoint = new Map<string, number[]>();
  const key = (x: number, y: number) => `${x},${y}`;
  for (let s = 0; s < count; s++) {
    for (const k of [key(segs[4 * s], segs[4 * s + 1]), key(segs[4 * s + 2], segs[4 * s + 3])]) {
      const list = byPoint.get(k);
      if (list) list.push(s);
      else byPoint.set(k, [s]);
    }
  }
  const used = new Uint8Array(count);
  const lines: number[][] = [];
  const nextFrom = (x: number, y: number): [number, number] | undefined => {
    for (const s of byPoint.get(key(x, y)) ?? []) {
      if (used[s]) continue;
      used[s] = 1;
      const atStart = segs[4 * s] === x && segs[4 * s + 1] === y;
      return atStart ? [segs[4 * s + 2], segs[4 * s + 3]] : [segs[4 * s], segs[4 * s + 1]];
    }
    return undefined;
  };
  for (let s = 0; s < count; s++) {
    if (used[s]) continue;
    used[s] = 1;
    const fwd: number[] = [segs[4 * s], segs[4 * s + 1], segs[4 * s + 2], segs[4 * s + 3]];
    for (let p = nextFrom(fwd[2], fwd[3]); p; p = nextFrom(p[0], p[1])) fwd.push(p[0], p[1]);
    const back: number[] = [];
    for (let p = nextFrom(fwd[0], fwd[1]); p; p = nextFrom(p[0], p[1])) back.push(p[0], p[1]);
    const line: number[] = [];
    for (let i = back.length - 2; i >= 0; i -= 2) line.push(back[i], back[i + 1]);
    lines.push(line.concat(fwd));
  }
  return lines;
}

/** Draw contour polylines (data coordinates) in a panel as a single `<path>`. */
export function contourMark(
  panel: Panel,
  lines: readonly number[][],
  style: StrokeStyle = {},
): string {
  let d = "";
  for (const line of lines) {
    for (let i = 0; i < line.length; i += 2) {
      d += `${i === 0 ? "M" : "L"}${fmt(panel.x.map(line[i]))} ${fmt(panel.y.map(line[i + 1]))}`;
    }
  }
  if (d === "") return "";
  return el("path", {
    class: style.className,
    d,
    fill: "none",
    stroke: style.stroke ?? THEME.axisColor,
    "stroke-width": style.width ?? THEME.lineWidth,
    "stroke-dasharray": style.dash,
    "stroke-linejoin": "round",
  });
}
