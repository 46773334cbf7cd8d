// A package README's example, as code a user would paste: the first ```ts block after the
// "## Example" heading. An optional `<!-- example-files: a b -->` comment between the heading
// and the block names files (relative to the package) the example reads from its working
// folder; they are copied there before it runs. Used by every package's README test and by
// scripts/validate-packaging.mjs, so the README is the single source of the example.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

/** @param {string} packageDir */
export function readmeExample(packageDir) {
  const readme = readFileSync(join(packageDir, "README.md"), "utf8");
  const section = readme.split(/^## Example[^\n]*\n/m)[1];
  if (section === undefined) throw new Error(`${packageDir}/README.md has no "## Example" section`);
  const fence = /^```ts\n([\s\S]*?)^```/m.exec(section);
  if (fence === null)
    throw new Error(`${packageDir}/README.md: no \`\`\`ts block under "## Example"`);
  const before = section.slice(0, fence.index);
  const listed = /<!--\s*example-files:([^>]*)-->/.exec(before)?.[1] ?? "";
  const files = listed
    .split(/\s+/)
    .filter((f) => f !== "")
    .map((f) => resolve(packageDir, f));
  return { code: fence[1] ?? "", files };
}

/**
 * The same example as a CommonJS module: each `import { a, type T, b as c } from "m"` becomes
 * `const { a, b: c } = require("m")`, and the body runs in an async function (CommonJS has no
 * top-level await). Only the import forms used in READMEs are handled; anything else throws.
 * @param {string} code
 */
export function toCommonJs(code) {
  const requires = [];
  const body = code.replace(
    /^import\s+(type\s+)?\{([\s\S]*?)\}\s+from\s+"([^"]+)";?/gm,
    (_m, typeOnly, names, from) => {
      if (typeOnly) return "";
      const bindings = names
        .split(",")
        .map((n) => n.trim())
        .filter((n) => n !== "" && !n.startsWith("type "))
        .map((n) => n.replace(/^(\w+)\s+as\s+(\w+)$/, "$1: $2"));
      requires.push(`const { ${bindings.join(", ")} } = require(${JSON.stringify(from)});`);
      return "";
    },
  );
  if (/^import\s/m.test(body)) throw new Error(`toCommonJs: unsupported import form in\n${code}`);
  return `${requires.join("\n")}\n(async () => {\n${body}\n})().catch((e) => {\n  console.error(e);\n  process.exitCode = 1;\n});\n`;
}

/**
 * Writes the example into `dir` (ESM as example.mts, CommonJS as example.cts), copies its
 * files beside it, and returns the paths.
 * @param {string} packageDir
 * @param {string} dir
 */
export function writeExample(packageDir, dir) {
  const { code, files } = readmeExample(packageDir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(f, join(dir, basename(f)));
  const esm = join(dir, "example.mts");
  const cjs = join(dir, "example.cts");
  writeFileSync(esm, `${code}\nexport {};\n`);
  writeFileSync(cjs, toCommonJs(code));
  return { esm, cjs };
}

/**
 * Runs `node file` in the file's folder (Node ≥ 23.6 strips the TypeScript types itself).
 * Resolves to { code, output }.
 * @param {string} file
 * @param {string} [node]
 * @returns {Promise<{ code: number | null, output: string }>}
 */
export function runNode(file, node = process.execPath) {
  return new Promise((done) => {
    const child = spawn(node, ["--disable-warning=ExperimentalWarning", file], {
      cwd: join(file, ".."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("close", (code) => done({ code, output }));
  });
}

/**
 * For a package's own test: runs its README example inside the repository (as ESM and as
 * CommonJS), where `@sidereal/*` resolve to the workspace packages' built `dist/`. The
 * scratch folder is .tmp/readme-examples/<folder> (git-ignored; Node strips types only outside
 * node_modules), so bare imports resolve through the root node_modules as in a user's project.
 * @param {string} packageDir
 */
export async function runReadmeExampleInRepo(packageDir) {
  const root = resolve(import.meta.dirname, "..");
  const dir = join(root, ".tmp", "readme-examples", basename(packageDir));
  const { esm, cjs } = writeExample(packageDir, dir);
  return { dir, esm: await runNode(esm), cjs: await runNode(cjs) };
}
