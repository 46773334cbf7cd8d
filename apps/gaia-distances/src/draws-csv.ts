/**
 * draws.csv: one row per (chain, draw), columns `chain,draw,` then one per scalar component
 * of each variable, labelled as in summary.json (`m`, `p_outlier[3]`, `p[2, 1]`).
 */
import { componentLabels } from "@sidereal/autodiff-samplers";

/** Draws of one variable: row-major `draws` of `shape = [chain, draw, ...component dims]`. */
export interface VariableDraws {
  readonly draws: Float64Array;
  readonly shape: readonly number[];
}

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/**
 * The CSV text (RFC 4180: labels with commas are quoted; numbers in JavaScript's shortest
 * round-trip form, so equal draws give byte-identical files). Throws when variables
 * disagree on the number of chains or draws.
 */
export function drawsCsv(vars: Readonly<Record<string, VariableDraws>>): string {
  const names = Object.keys(vars);
  if (names.length === 0) return "chain,draw\n";
  const [nc, nd] = vars[names[0]].shape;
  const cols: { v: VariableDraws; k: number; c: number }[] = [];
  const header = ["chain", "draw"];
  for (const name of names) {
    const v = vars[name];
    if (v.shape[0] !== nc || v.shape[1] !== nd)
      throw new Error(
        `drawsCsv: "${name}" has ${v.shape[0]}×${v.shape[1]} draws, expected ${nc}×${nd}`,
      );
    const labels = componentLabels(name, v.shape.slice(2));
    labels.forEach((label, c) => {
      header.push(quote(label));
      cols.push({ v, k: labels.length, c });
    });
  }
  const lines = [header.join(",")];
  for (let chain = 0; chain < nc; chain++)
    for (let draw = 0; draw < nd; draw++) {
      const i = chain * nd + draw;
      const row: string[] = [String(chain), String(draw)];
      for (const { v, k, c } of cols) row.push(String(v.draws[i * k + c]));
      lines.push(row.join(","));
    }
  return `${lines.join("\n")}\n`;
}
