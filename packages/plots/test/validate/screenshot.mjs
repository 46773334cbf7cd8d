// Headless-Chromium check of the run report (`npm run validate -w @sidereal/plots`).
// Renders a sample report (plots embedded) into a temporary directory, screenshots it with
// Debian's chromium and checks that the PNG has the window's size and is not blank.
// Needs the built package (`npm run build`); skips with a message when chromium is absent.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const WIDTH = 1200;
const HEIGHT = 1600;

if (!existsSync(CHROMIUM)) {
  console.log(`SKIP plots screenshot check: ${CHROMIUM} not found (apt-get install chromium).`);
  process.exit(0);
}
const dist = new URL("../../dist/index.js", import.meta.url);
if (!existsSync(dist)) {
  console.error("plots validate: dist/ is missing; run `npm run build -w @sidereal/plots` first.");
  process.exit(1);
}
const P = await import(dist.href);

/** Decode an 8-bit RGB/RGBA, non-interlaced PNG into { width, height, channels, pixels }. */
function decodePng(buf) {
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const depth = buf[24];
  const type = buf[25];
  if (depth !== 8 || (type !== 2 && type !== 6) || buf[28] !== 0)
    throw new Error(`unexpected PNG format depth=${depth} type=${type}`);
  const channels = type === 6 ? 4 : 3;
  const idat = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    const kind = buf.toString("latin1", o + 4, o + 8);
    if (kind === "IDAT") idat.push(buf.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let p = 0;
      if (f === 1) p = a;
      else if (f === 2) p = b;
      else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) {
        const q = a + b - c;
        const pa = Math.abs(q - a);
        const pb = Math.abs(q - b);
        const pc = Math.abs(q - c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = (v + p) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function sampleReport() {
  let s = 1;
  const u = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const z = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const n = 4 * 300;
  const mu = Float64Array.from({ length: n }, () => 1 + 0.3 * z());
  const sigma = Float64Array.from({ length: n }, () => Math.exp(0.2 * z()));
  const posterior = {
    mu: { draws: mu, shape: [4, 300] },
    sigma: { draws: sigma, shape: [4, 300] },
  };
  return {
    title: "Sample run <validate>",
    subtitle: "plots package screenshot check",
    config: { model: "normal", sampler: { name: "NUTS", chains: 4, draws: 300, seed: 42 } },
    summary: {
      mu: { mean: 1.0, sd: 0.3, ess_bulk: 1210, ess_tail: 980, r_hat: 1.0 },
      sigma: { mean: 1.02, sd: 0.2, ess_bulk: 350, ess_tail: 410, r_hat: 1.03 },
    },
    diagnostics: { divergences: 2, totalDraws: n, warnings: ["2 divergent transitions"] },
    sections: [
      {
        heading: "Traces",
        images: [{ svg: P.plotTrace(posterior), caption: "$\\mu$ and $\\sigma$ by chain" }],
      },
      {
        heading: "Pair plot",
        images: [{ src: P.toPng(P.plotPair(posterior)), caption: "corner plot" }],
      },
    ],
  };
}

const dir = await mkdtemp(join(tmpdir(), "sidereal-plots-validate-"));
try {
  const index = await P.writeReport(join(dir, "report"), sampleReport());
  const shot = join(dir, "shot.png");
  const res = spawnSync(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      `--user-data-dir=${join(dir, "profile")}`,
      `--screenshot=${shot}`,
      `--window-size=${WIDTH},${HEIGHT}`,
      `file://${index}`,
    ],
    { encoding: "utf8", timeout: 90_000 },
  );
  if (!existsSync(shot)) {
    console.error(`FAIL: chromium wrote no screenshot (exit ${res.status})\n${res.stderr}`);
    process.exit(1);
  }
  const png = await readFile(shot);
  const img = decodePng(png);
  if (img.width !== WIDTH || img.height !== HEIGHT)
    throw new Error(`screenshot is ${img.width}×${img.height}, expected ${WIDTH}×${HEIGHT}`);
  // Not blank: many non-white pixels and many distinct colours (text, tables, plots).
  let dark = 0;
  const colours = new Set();
  for (let i = 0; i < img.pixels.length; i += img.channels) {
    const r = img.pixels[i];
    const g = img.pixels[i + 1];
    const b = img.pixels[i + 2];
    if (r + g + b < 600) dark++;
    colours.add((r << 16) | (g << 8) | b);
  }
  const frac = dark / (img.width * img.height);
  if (frac < 0.01 || colours.size < 50)
    throw new Error(
      `screenshot looks blank: ${(100 * frac).toFixed(2)} % non-white, ${colours.size} colours`,
    );
  console.log(
    `OK plots screenshot: ${img.width}×${img.height}, ${png.length} bytes, ${(100 * frac).toFixed(1)} % non-white, ${colours.size} colours`,
  );
  if (process.env.PLOTS_SCREENSHOT_OUT) {
    const { copyFile } = await import("node:fs/promises");
    await copyFile(shot, process.env.PLOTS_SCREENSHOT_OUT);
  }
} catch (err) {
  console.error(`FAIL plots screenshot check: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
