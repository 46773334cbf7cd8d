/**
 * A self-contained HTML run report: inline CSS, no scripts or external assets,
 * every user string escaped. Images are referenced by path or embedded as PNG bytes.
 */
import { writeFileAtomic } from "@sidereal/io";
import { PlotError } from "./errors.js";
import { escapeXml } from "./escape.js";
import { labelHtml, labelPlainText } from "./text.js";

/** An image in a report section: `src` (path or PNG bytes) or `svg` (an SVG document). */
export interface ReportImage {
  /** Relative path/URL of the image, or PNG bytes to embed as a data URI. */
  readonly src?: string | Uint8Array;
  /** An SVG document string (e.g. from `plotTrace`), embedded as a data URI (no scripts run). */
  readonly svg?: string;
  readonly caption?: string;
  /** Alternative text (default: the caption). */
  readonly alt?: string;
}

/** A table of strings and numbers; numbers are right-aligned and shown to 4 significant digits. */
export interface ReportTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/** One section of a report. */
export interface ReportSection {
  readonly heading: string;
  /** Plain text (escaped); blank lines separate paragraphs. */
  readonly text?: string;
  /** Trusted HTML fragment inserted as is (never pass user input here). */
  readonly html?: string;
  readonly images?: readonly ReportImage[];
  readonly table?: ReportTable;
}

/** A report: title, optional subtitle and notice, sections. */
export interface Report {
  readonly title: string;
  readonly subtitle?: string;
  /** A highlighted line under the title (e.g. "2 diagnostic warnings"); text is escaped. */
  readonly notice?: { readonly level: "ok" | "warning"; readonly text: string };
  readonly sections: readonly ReportSection[];
}

const CSS = `
:root{color-scheme:light;--fg:#1d2430;--muted:#5b6573;--line:#dde2e8;--accent:#0072b2;--bg:#fff;--alt:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.55 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif}
main{max-width:1100px;margin:0 auto;padding:28px 24px 64px}
h1{font-size:26px;margin:0 0 4px}
.subtitle{color:var(--muted);margin:0 0 20px}
nav{border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:0 0 28px;background:var(--alt)}
nav ol{margin:0;padding-left:20px}
nav a{color:var(--accent);text-decoration:none}
section{margin:0 0 36px}
h2{font-size:20px;border-bottom:2px solid var(--line);padding-bottom:4px;margin:0 0 12px}
figure{margin:12px 0 20px}
figure img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px;display:block}
figcaption{color:var(--muted);font-size:13px;margin-top:6px}
table{border-collapse:collapse;font-size:13.5px;margin:8px 0 16px;display:block;overflow-x:auto}
th,td{padding:5px 10px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th{background:var(--alt);font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:nth-child(even){background:#fbfcfd}
.notice{border-radius:6px;padding:10px 14px;margin:0 0 20px;font-weight:600}
.notice.ok{background:#e7f5ee;border:1px solid #9fd3b8;color:#0b5a36}
.notice.warning,.warnings{background:#fff1e6;border:1px solid #f0a875;color:#8a3200}
.warnings{border-radius:6px;padding:8px 14px 8px 32px;margin:8px 0 16px}
td.warn,tr.warn td.status{background:#fde3de;color:#9b1c00;font-weight:700}
td.warn::after{content:" \\26A0"}
tr.ok td.status{color:#0b5a36;font-weight:600}
table.kv td:first-child{color:var(--muted)}
td.code{font-family:"DejaVu Sans Mono",monospace;white-space:pre-wrap}
`;

function cell(v: string | number): string {
  if (typeof v === "string") return `<td>${escapeXml(v)}</td>`;
  const s =
    Number.isInteger(v) || !Number.isFinite(v) ? String(v) : String(Number(v.toPrecision(4)));
  return `<td class="num">${escapeXml(s)}</td>`;
}

function imageSrc(img: ReportImage): string {
  if (img.svg !== undefined)
    return `data:image/svg+xml;base64,${Buffer.from(img.svg, "utf8").toString("base64")}`;
  const src = img.src;
  if (src === undefined)
    throw new PlotError("renderReportHtml", "image", "parameter", "needs src or svg");
  if (typeof src === "string") return escapeXml(src);
  return `data:image/png;base64,${Buffer.from(src.buffer, src.byteOffset, src.byteLength).toString("base64")}`;
}

function sectionHtml(s: ReportSection, i: number): string {
  const parts: string[] = [`<section id="s${i + 1}">`, `<h2>${escapeXml(s.heading)}</h2>`];
  if (s.text !== undefined) {
    for (const p of s.text.split(/\n\s*\n/))
      if (p.trim() !== "") parts.push(`<p>${escapeXml(p.trim())}</p>`);
  }
  if (s.html !== undefined) parts.push(s.html);
  for (const img of s.images ?? []) {
    const alt = escapeXml(img.alt ?? labelPlainText(img.caption ?? ""));
    const cap =
      img.caption !== undefined ? `<figcaption>${labelHtml(img.caption)}</figcaption>` : "";
    parts.push(`<figure><img src="${imageSrc(img)}" alt="${alt}" loading="lazy">${cap}</figure>`);
  }
  if (s.table) {
    const head = s.table.columns.map((c) => `<th>${escapeXml(c)}</th>`).join("");
    const body = s.table.rows.map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("\n");
    parts.push(`<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`);
  }
  parts.push("</section>");
  return parts.join("\n");
}

/** The report as an HTML document string (deterministic). */
export function renderReportHtml(report: Report): string {
  const nav =
    report.sections.length > 1
      ? `<nav><ol>${report.sections
          .map((s, i) => `<li><a href="#s${i + 1}">${escapeXml(s.heading)}</a></li>`)
          .join("")}</ol></nav>`
      : "";
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(report.title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body><main>",
    `<h1>${escapeXml(report.title)}</h1>`,
    report.subtitle !== undefined ? `<p class="subtitle">${escapeXml(report.subtitle)}</p>` : "",
    report.notice !== undefined
      ? `<p class="notice ${report.notice.level}">${escapeXml(report.notice.text)}</p>`
      : "",
    nav,
    ...report.sections.map(sectionHtml),
    "</main></body>",
    "</html>",
    "",
  ].join("\n");
}

/** Render `report` and write it atomically to `path` (e.g. `out/index.html`). */
export async function writeReportHtml(path: string, report: Report): Promise<void> {
  await writeFileAtomic(path, renderReportHtml(report));
}
