/**
 * The run report every app writes: `DIR/index.html` with the run configuration, the
 * sampler diagnostics (warnings highlighted), the posterior summary table and the plots.
 *
 * Thresholds follow Vehtari, Gelman, Simpson, Carpenter & Bürkner (2021), "Rank-normalization,
 * folding, and localization: an improved R̂ for assessing convergence of MCMC", Bayesian
 * Analysis 16, 667: R̂ < 1.01 and bulk/tail ESS > 400 (100 per chain for 4 chains); any
 * divergent transition is reported (Betancourt 2017, "A conceptual introduction to HMC").
 */
import { join } from "node:path";
import { writeFileAtomic } from "@sidereal/io";
import { PlotError } from "./errors.js";
import { escapeXml } from "./escape.js";
import { type Report, type ReportSection, type ReportTable, renderReportHtml } from "./report.js";
import { labelHtml } from "./text.js";

/** A configuration value: scalars, arrays and nested records (flattened to dotted keys). */
export type ConfigValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly ConfigValue[]
  | { readonly [key: string]: ConfigValue };

/** An ArviZ-style summary table: row label → column → value (as `summary()` returns). */
export type SummaryRecord = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Sampler diagnostics; missing fields are taken from the summary's `r_hat`/`ess_*` columns. */
export interface RunDiagnostics {
  /** Largest R̂ over all components. */
  readonly rHatMax?: number;
  /** Smallest bulk ESS. */
  readonly essBulkMin?: number;
  /** Smallest tail ESS. */
  readonly essTailMin?: number;
  /** Number of divergent transitions after warm-up. */
  readonly divergences?: number;
  /** Number of post-warm-up draws (all chains), to state the divergence rate. */
  readonly totalDraws?: number;
  /** Further warnings to show (escaped), e.g. "tree depth saturated in 3 % of draws". */
  readonly warnings?: readonly string[];
}

/** Warning thresholds (defaults: R̂ 1.01, ESS 400). */
export interface DiagnosticThresholds {
  readonly rHat?: number;
  readonly ess?: number;
}

/** Input of {@link writeReport}. */
export interface RunReport {
  readonly title: string;
  readonly subtitle?: string;
  /** Run configuration (model, sampler settings, seed, data file …). */
  readonly config?: Readonly<Record<string, ConfigValue>>;
  /** Posterior summary: a `{ columns, rows }` table or a row → column → value record. */
  readonly summary?: ReportTable | SummaryRecord;
  readonly diagnostics?: RunDiagnostics;
  readonly thresholds?: DiagnosticThresholds;
  /** Further sections (plots, notes) after the summary. */
  readonly sections?: readonly ReportSection[];
}

/** One diagnostic check as shown in the report. */
export interface DiagnosticCheck {
  readonly name: string;
  /** Display value ("n/a" when not available). */
  readonly value: string;
  /** Requirement, e.g. "< 1.01". */
  readonly requirement: string;
  /** `true` passed, `false` warning, `undefined` not available. */
  readonly ok: boolean | undefined;
}

function fmtNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

function isTable(s: ReportTable | SummaryRecord): s is ReportTable {
  return Array.isArray((s as ReportTable).columns) && Array.isArray((s as ReportTable).rows);
}

/** The summary as a `{ columns, rows }` table (a record gets a leading empty label column). */
export function summaryTable(summary: ReportTable | SummaryRecord): ReportTable {
  if (isTable(summary)) return summary;
  const labels = Object.keys(summary);
  const cols: string[] = [];
  for (const l of labels)
    for (const c of Object.keys(summary[l])) if (!cols.includes(c)) cols.push(c);
  return {
    columns: ["", ...cols],
    rows: labels.map((l) => [l, ...cols.map((c) => summary[l][c] ?? Number.NaN)]),
  };
}

type ColumnKind = "rhat" | "ess" | undefined;

function columnKind(name: string): ColumnKind {
  const n = name.toLowerCase().replace(/[\s-]/g, "_");
  if (n === "r_hat" || n === "rhat") return "rhat";
  if (n === "ess_bulk" || n === "ess_tail" || n === "ess" || n === "n_eff") return "ess";
  return undefined;
}

function columnExtreme(table: ReportTable, match: (name: string) => boolean, max: boolean) {
  let out: number | undefined;
  table.columns.forEach((c, j) => {
    if (!match(c)) return;
    for (const r of table.rows) {
      const v = r[j];
      if (typeof v !== "number" || !Number.isFinite(v)) continue;
      out = out === undefined ? v : max ? Math.max(out, v) : Math.min(out, v);
    }
  });
  return out;
}

/**
 * Checks shown in the report: R̂ max, bulk and tail ESS min, divergences. Values missing
 * from `diag` are derived from the summary's `r_hat`, `ess_bulk`, `ess_tail` columns.
 */
export function diagnosticChecks(
  diag: RunDiagnostics = {},
  summary?: ReportTable | SummaryRecord,
  thresholds: DiagnosticThresholds = {},
): DiagnosticCheck[] {
  const rHat = thresholds.rHat ?? 1.01;
  const ess = thresholds.ess ?? 400;
  if (!(rHat > 1) || !(ess > 0))
    throw new PlotError("writeReport", "thresholds", "value", "need rHat > 1 and ess > 0");
  const table = summary !== undefined ? summaryTable(summary) : undefined;
  const name = (n: string) => (c: string) => c.toLowerCase() === n;
  const rHatMax =
    diag.rHatMax ??
    (table ? columnExtreme(table, (c) => columnKind(c) === "rhat", true) : undefined);
  const bulk =
    diag.essBulkMin ?? (table ? columnExtreme(table, name("ess_bulk"), false) : undefined);
  const tail =
    diag.essTailMin ?? (table ? columnExtreme(table, name("ess_tail"), false) : undefined);
  const checks: DiagnosticCheck[] = [];
  const add = (label: string, v: number | undefined, req: string, ok: (v: number) => boolean) => {
    const avail = v !== undefined && !Number.isNaN(v);
    checks.push({
      name: label,
      value: avail ? fmtNumber(v) : "n/a",
      requirement: req,
      ok: avail ? ok(v) : undefined,
    });
  };
  add("max R̂", rHatMax, `≤ ${rHat}`, (v) => v <= rHat);
  add("min bulk ESS", bulk, `≥ ${ess}`, (v) => v >= ess);
  add("min tail ESS", tail, `≥ ${ess}`, (v) => v >= ess);
  const div = diag.divergences;
  const rate =
    div !== undefined && diag.totalDraws !== undefined && diag.totalDraws > 0
      ? ` (${Number(((100 * div) / diag.totalDraws).toPrecision(2))} % of ${diag.totalDraws} draws)`
      : "";
  checks.push({
    name: "divergent transitions",
    value: div === undefined ? "n/a" : `${div}${rate}`,
    requirement: "0",
    ok: div === undefined ? undefined : div === 0,
  });
  return checks;
}

function flattenConfig(
  value: ConfigValue,
  prefix: string,
  out: [string, string][],
): [string, string][] {
  if (value === undefined) return out;
  if (value === null || typeof value !== "object") {
    out.push([prefix, typeof value === "number" ? fmtNumber(value) : String(value)]);
    return out;
  }
  if (Array.isArray(value)) {
    const scalars = value.every((v) => v === null || typeof v !== "object");
    if (scalars) {
      out.push([
        prefix,
        value.map((v) => (typeof v === "number" ? fmtNumber(v) : String(v))).join(", "),
      ]);
      return out;
    }
    value.forEach((v, i) => {
      flattenConfig(v, `${prefix}[${i}]`, out);
    });
    return out;
  }
  const rec = value as { readonly [key: string]: ConfigValue };
  for (const k of Object.keys(rec))
    flattenConfig(rec[k], prefix === "" ? k : `${prefix}.${k}`, out);
  return out;
}

function configHtml(config: Readonly<Record<string, ConfigValue>>): string {
  const rows = flattenConfig(config, "", [])
    .map(([k, v]) => `<tr><td>${escapeXml(k)}</td><td class="code">${escapeXml(v)}</td></tr>`)
    .join("\n");
  return `<table class="kv"><tbody>\n${rows}\n</tbody></table>`;
}

function diagnosticsHtml(checks: readonly DiagnosticCheck[], warnings: readonly string[]): string {
  const rows = checks
    .map((c) => {
      const cls = c.ok === undefined ? "na" : c.ok ? "ok" : "warn";
      const status = c.ok === undefined ? "not available" : c.ok ? "OK" : "WARNING";
      return `<tr class="${cls}"><td>${escapeXml(c.name)}</td><td class="num">${escapeXml(c.value)}</td><td>${escapeXml(c.requirement)}</td><td class="status">${status}</td></tr>`;
    })
    .join("\n");
  const table = `<table class="diagnostics"><thead><tr><th>check</th><th>value</th><th>required</th><th>status</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  const list =
    warnings.length > 0
      ? `<ul class="warnings">${warnings.map((w) => `<li>${escapeXml(w)}</li>`).join("")}</ul>`
      : "";
  return table + list;
}

function summaryHtml(table: ReportTable, thresholds: Required<DiagnosticThresholds>): string {
  const kinds = table.columns.map(columnKind);
  const head = table.columns.map((c) => `<th>${labelHtml(c)}</th>`).join("");
  const body = table.rows
    .map((r) => {
      const cells = r.map((v, j) => {
        if (typeof v === "string") return `<td>${labelHtml(v)}</td>`;
        const k = kinds[j];
        const warn =
          (k === "rhat" && v > thresholds.rHat) ||
          (k === "ess" && Number.isFinite(v) && v < thresholds.ess);
        const title = warn
          ? ` title="${k === "rhat" ? `above ${thresholds.rHat}` : `below ${thresholds.ess}`}"`
          : "";
        const text = k === "ess" && Number.isFinite(v) ? String(Math.round(v)) : fmtNumber(v);
        return `<td class="num${warn ? " warn" : ""}"${title}>${escapeXml(text)}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<table class="summary"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The run report as an HTML document string (deterministic, self-contained). */
export function renderRunReport(report: RunReport): string {
  const thresholds = { rHat: report.thresholds?.rHat ?? 1.01, ess: report.thresholds?.ess ?? 400 };
  const sections: ReportSection[] = [];
  if (report.config !== undefined)
    sections.push({ heading: "Configuration", html: configHtml(report.config) });
  const checks =
    report.diagnostics !== undefined || report.summary !== undefined
      ? diagnosticChecks(report.diagnostics, report.summary, thresholds)
      : [];
  const warnings = report.diagnostics?.warnings ?? [];
  const nWarn = checks.filter((c) => c.ok === false).length + warnings.length;
  if (checks.length > 0 || warnings.length > 0)
    sections.push({ heading: "Diagnostics", html: diagnosticsHtml(checks, warnings) });
  if (report.summary !== undefined)
    sections.push({
      heading: "Summary",
      html: summaryHtml(summaryTable(report.summary), thresholds),
    });
  sections.push(...(report.sections ?? []));
  const r: Report = {
    title: report.title,
    subtitle: report.subtitle,
    notice:
      checks.length > 0 || warnings.length > 0
        ? nWarn > 0
          ? {
              level: "warning",
              text: `${nWarn} diagnostic warning${nWarn > 1 ? "s" : ""}: see Diagnostics.`,
            }
          : { level: "ok", text: "All convergence diagnostics passed." }
        : undefined,
    sections,
  };
  return renderReportHtml(r);
}

/**
 * Write the run report to `dir/index.html` atomically (temporary file, fsync, rename;
 * `dir` is created) and return the file's path. Throws a PlotError for invalid thresholds.
 */
export async function writeReport(dir: string, report: RunReport): Promise<string> {
  const path = join(dir, "index.html");
  await writeFileAtomic(path, renderRunReport(report));
  return path;
}
