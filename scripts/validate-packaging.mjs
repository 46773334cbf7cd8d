#!/usr/bin/env node
// Packaging check, run by `npm test` after the build: does what a user does.
//   1. every non-private folder in packages/* (so new packages are covered without edits) has
//      the metadata of CONTRIBUTING.md's packaging convention, and effect is a peer dependency
//      exactly where the published .d.ts mention it;
//   2. `npm pack` of every package (one npm process); every source map and README path in a
//      tarball resolves inside that tarball; every bare import in dist/ is a declared dependency
//      (so each package installs alone from its tarball plus its internal dependencies');
//   3. one scratch folder outside the repository with effect 4.x already installed, then all
//      tarballs installed by the plain npm client (no workspaces): exactly one copy of effect;
//   4. every README example (scripts/readme-example.mjs) runs there as ESM and through
//      require, and type-checks under strict + NodeNext against the published declarations;
//   with `--each-alone` (npm run validate) also: every package installed alone, with only its
//   internal dependencies' tarballs, in its own folder, its README example run there.
// Prints its time; exits non-zero with every problem listed.
import { execFile, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { runNode, writeExample } from "./readme-example.mjs";

const started = performance.now();
const exec = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const problems = [];
const fail = (msg) => problems.push(msg);

const packages = readdirSync(join(root, "packages"))
  .filter((folder) => existsSync(join(root, "packages", folder, "package.json")))
  .map((folder) => {
    const dir = join(root, "packages", folder);
    return { folder, dir, pkg: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) };
  })
  .filter(({ pkg }) => !pkg.private);

/** All files under `dir`, relative to it, with forward slashes. */
function listFiles(dir, prefix = "") {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, posix.join(prefix, e.name)) : [posix.join(prefix, e.name)],
  );
}

// 1. metadata --------------------------------------------------------------------------------
const EFFECT_IMPORT = /from\s+["']effect(\/[^"']*)?["']|import\(["']effect(\/[^"']*)?["']\)/;
for (const { folder, dir, pkg } of packages) {
  const where = `packages/${folder}/package.json`;
  for (const field of ["description", "license", "repository", "homepage", "bugs", "keywords"])
    if (pkg[field] === undefined) fail(`${where}: no "${field}"`);
  if (pkg.repository?.directory !== `packages/${folder}`)
    fail(`${where}: repository.directory should be "packages/${folder}"`);
  if (pkg.type !== "module") fail(`${where}: "type" should be "module"`);
  for (const f of ["dist", "src", "README.md", "LICENSE"])
    if (!pkg.files?.includes(f)) fail(`${where}: "files" should include "${f}"`);
  if (!existsSync(join(dir, "LICENSE"))) fail(`packages/${folder}: no LICENSE file`);
  if (!/^## Install\b/m.test(readFileSync(join(dir, "README.md"), "utf8")))
    fail(`packages/${folder}/README.md: no "## Install" section`);
  if (pkg.exports?.["./package.json"] !== "./package.json")
    fail(`${where}: exports should map "./package.json"`);
  for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
    if (sub === "./package.json") continue;
    const keys = typeof target === "object" && target !== null ? Object.keys(target) : [];
    if (keys.join() !== "types,import,default")
      fail(
        `${where}: exports["${sub}"] should have exactly types, import, default (in that order), has ${keys.join(", ")}`,
      );
  }
  const declarations = existsSync(join(dir, "dist"))
    ? listFiles(join(dir, "dist")).filter((f) => f.endsWith(".d.ts"))
    : [];
  const typesUseEffect = declarations.some((f) =>
    EFFECT_IMPORT.test(readFileSync(join(dir, "dist", f), "utf8")),
  );
  if (pkg.dependencies?.effect)
    fail(`${where}: effect must not be a dependency (peer, if anything)`);
  if (typesUseEffect && !(pkg.peerDependencies?.effect && pkg.devDependencies?.effect))
    fail(`${where}: public types mention effect, so it must be a peerDependency and devDependency`);
  if (!typesUseEffect && pkg.peerDependencies?.effect)
    fail(`${where}: effect is a peerDependency but no published .d.ts mentions it`);
}

const metadataSeconds = ((performance.now() - started) / 1000).toFixed(1);
const scratch = mkdtempSync(join(tmpdir(), "sidereal-pack-"));
// a user's npm: none of the workspace settings `npm test` may have put in the environment
const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^npm_config_(workspace|include_workspace)/i.test(k),
  ),
);
const npm = (args, cwd) => exec("npm", args, { cwd, maxBuffer: 64 * 1024 * 1024, env: userEnv });
const timings = { metadata: metadataSeconds };
const lap = (name, t0) => {
  timings[name] = ((performance.now() - t0) / 1000).toFixed(1);
};
try {
  // 2. pack in parallel and inspect each tarball's file list ---------------------------------
  let t0 = performance.now();
  const tarballs = join(scratch, "tarballs");
  mkdirSync(tarballs);
  // one npm process for all of them: npm's start-up, not packing, is what costs
  const { stdout } = await npm(
    ["pack", "--json", "--pack-destination", tarballs, ...packages.map(({ dir }) => dir)],
    root,
  );
  const byName = new Map(JSON.parse(stdout).map((p) => [p.name, p]));
  const packed = packages.map(({ pkg }) => byName.get(pkg.name));
  lap("pack", t0);
  t0 = performance.now();
  packages.forEach(({ dir, pkg }, i) => {
    const files = new Set(packed[i].files.map((f) => f.path));
    for (const f of files) {
      if (!f.endsWith(".map")) continue;
      const map = JSON.parse(readFileSync(join(dir, f), "utf8"));
      for (const s of map.sources ?? []) {
        const target = posix.normalize(posix.join(posix.dirname(f), map.sourceRoot ?? "", s));
        if (!files.has(target)) fail(`${pkg.name}: ${f} points at ${target}, not in the tarball`);
      }
    }
    // README paths: markdown links and `code spans` naming a file of the package
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    const named = [
      ...readme.matchAll(/\[[^\]]+\]\((?!https?:|#|mailto:)([^)\s#]+\.\w+|[^)\s#]+\/)[^)]*\)/g),
      ...readme.matchAll(/`((?:src|dist)\/[^`\s]+\.\w+)`/g),
    ].map((m) => posix.normalize(m[1]));
    for (const p of named)
      if (!p.startsWith("..") && !files.has(p) && !files.has(posix.join(p, "README.md")))
        fail(`${pkg.name}: README names ${p}, not in the tarball`);
    // bare imports of dist/ must be declared (node: builtins and the package itself aside)
    const declared = new Set([
      pkg.name,
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
    ]);
    for (const f of files) {
      if (!/^dist\/.*\.(js|d\.ts)$/.test(f)) continue;
      const text = readFileSync(join(dir, f), "utf8");
      for (const m of text.matchAll(/(?:from\s+|import\(\s*)["']([^"'./][^"']*)["']/g)) {
        const spec = m[1];
        if (spec.startsWith("node:")) continue;
        const name = spec.startsWith("@")
          ? spec.split("/").slice(0, 2).join("/")
          : spec.split("/")[0];
        if (!declared.has(name))
          fail(`${pkg.name}: ${f} imports "${spec}", not a declared dependency`);
      }
    }
  });

  lap("tarball contents", t0);

  // 3. a user's folder: effect 4.x first, then the tarballs, with the plain npm client ---------
  t0 = performance.now();
  const app = join(scratch, "app");
  mkdirSync(app);
  const effectRange =
    packages.find(({ pkg }) => pkg.peerDependencies?.effect)?.pkg.peerDependencies.effect ??
    "^4.1.0";
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "user-project", private: true }, null, 2),
  );
  const quiet = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];
  await npm(["install", ...quiet, `effect@${effectRange}`], app);
  await npm(["install", ...quiet, ...packed.map((p) => join(tarballs, p.filename))], app);
  lap("install", t0);
  const effectCopies = [];
  const walk = (nm) => {
    if (!existsSync(nm)) return;
    for (const e of readdirSync(nm)) {
      const p = join(nm, e);
      if (e.startsWith("@")) {
        for (const s of readdirSync(p)) visit(join(p, s));
      } else if (!e.startsWith(".")) visit(p);
    }
  };
  const visit = (p) => {
    if (!statSync(p).isDirectory()) return;
    if (p.endsWith(`${"/"}effect`) && existsSync(join(p, "package.json")))
      effectCopies.push(relative(app, p));
    walk(join(p, "node_modules"));
  };
  walk(join(app, "node_modules"));
  if (effectCopies.length !== 1)
    fail(
      `a user folder with effect ${effectRange} ends with ${effectCopies.length} copies of effect: ${effectCopies.join(", ")}`,
    );

  // 3b. `--each-alone` (npm run validate): each package in its own empty folder with only its
  // tarball and its internal dependencies' tarballs, its README example run there (ESM)
  if (process.argv.includes("--each-alone")) {
    t0 = performance.now();
    const tarballOf = new Map(
      packages.map(({ pkg }, i) => [pkg.name, join(tarballs, packed[i].filename)]),
    );
    const closure = (name, seen = new Set()) => {
      if (seen.has(name) || !tarballOf.has(name)) return seen;
      seen.add(name);
      const pkg = packages.find((p) => p.pkg.name === name)?.pkg;
      for (const dep of Object.keys(pkg?.dependencies ?? {})) closure(dep, seen);
      return seen;
    };
    const pending = [...packages];
    await Promise.all(
      [0, 1].map(async () => {
        for (let p = pending.shift(); p !== undefined; p = pending.shift()) {
          const alone = join(scratch, "alone", p.folder);
          mkdirSync(alone, { recursive: true });
          writeFileSync(
            join(alone, "package.json"),
            JSON.stringify({ name: "alone", private: true }),
          );
          try {
            const own = [...closure(p.pkg.name)].map((n) => tarballOf.get(n));
            await npm(["install", ...quiet, ...own], alone);
            const { esm } = writeExample(p.dir, join(alone, "example"));
            const { code, output } = await runNode(esm);
            if (code !== 0)
              fail(
                `${p.pkg.name} installed alone: README example exited ${code}:\n${output.slice(-3000)}`,
              );
          } catch (e) {
            fail(`${p.pkg.name} does not install alone from its tarballs: ${e.stderr ?? e}`);
          }
        }
      }),
    );
    lap("each alone", t0);
  }

  // 4. README examples: ESM, require, and strict NodeNext type-check -------------------------
  t0 = performance.now();
  const examples = packages.map(({ folder, dir }) => ({
    folder,
    ...writeExample(dir, join(app, "examples", folder)),
  }));
  const runs = examples.flatMap(({ folder, esm, cjs }) => [
    { label: `${folder} (ESM)`, file: esm },
    { label: `${folder} (require)`, file: cjs },
  ]);
  // two at a time: the examples are CPU-bound and CI machines are small
  const queue = [...runs];
  await Promise.all(
    [0, 1].map(async () => {
      for (let r = queue.shift(); r !== undefined; r = queue.shift()) {
        const { code, output } = await runNode(r.file);
        if (code !== 0)
          fail(`README example of ${r.label} exited ${code}:\n${output.slice(-3000)}`);
      }
    }),
  );
  lap("examples", t0);
  t0 = performance.now();
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2023",
        noEmit: true,
        // TensorFlow.js's own declarations (a dependency of @sidereal/nn) do not type-check
        // under TypeScript 7 (@webgpu/types clashes with lib.dom, tfjs-core names an undeclared
        // `Long`), so a user of @sidereal/nn needs skipLibCheck as well; the examples are still
        // checked against our published declarations, which tsc emitted from checked sources
        skipLibCheck: true,
        // a user's @types/node: the repository's copy, so the check needs no download
        typeRoots: [join(root, "node_modules/@types")],
        types: ["node"],
      },
      files: examples.map((e) => relative(app, e.esm)),
    }),
  );
  try {
    await exec(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], { cwd: app });
  } catch (e) {
    fail(`README examples do not type-check (strict, NodeNext):\n${e.stdout}${e.stderr}`);
  }
  lap("typecheck", t0);
} finally {
  // deleting the scratch node_modules takes seconds: a detached `rm` does it after we exit
  if (process.platform === "win32") rmSync(scratch, { recursive: true, force: true });
  else spawn("rm", ["-rf", scratch], { detached: true, stdio: "ignore" }).unref();
}

const total = ((performance.now() - started) / 1000).toFixed(1);
const phases = Object.entries(timings)
  .map(([k, v]) => `${k} ${v}s`)
  .join(", ");
if (problems.length > 0) {
  console.error(`packaging check FAILED (${total}s: ${phases}):\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(
  `packaging check passed for ${packages.length} packages in ${total}s (${phases}): ` +
    `${packages.map((p) => p.pkg.name).join(", ")}`,
);
