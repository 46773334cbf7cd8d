import type { SummaryTable } from "./summary.js";

function formatCell(column: string, value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (column.startsWith("ess_")) return value.toFixed(0);
  if (column === "r_hat") return value.toFixed(2);
  return value.toFixed(3);
}

/**
 * Plain-text rendering of a {@link SummaryTable} in the style of a pandas
 * DataFrame printed by `az.summary`: a header line, then one line per
 * component; the label column is left-aligned, value columns right-aligned
 * and separated by two spaces. mean/sd/hdi/mcse use 3 decimals, ess columns
 * are integers, r_hat has 2 decimals, NaN prints as `NaN`. Columns are taken
 * from the first row; an empty table formats as the empty string.
 */
export function formatSummary(table: SummaryTable): string {
  const labels = Object.keys(table);
  if (labels.length === 0) return "";
  const columns = Object.keys(table[labels[0]]);
  const cells = labels.map((label) =>
    columns.map((column) => formatCell(column, table[label][column] ?? Number.NaN)),
  );
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const widths = columns.map((column, j) =>
    Math.max(column.length, ...cells.map((row) => row[j].length)),
  );
  const header = [" ".repeat(labelWidth), ...columns.map((c, j) => c.padStart(widths[j]))];
  const lines = [header.join("  ")];
  labels.forEach((label, i) => {
    lines.push(
      [label.padEnd(labelWidth), ...cells[i].map((cell, j) => cell.padStart(widths[j]))].join("  "),
    );
  });
  return lines.join("\n");
}
