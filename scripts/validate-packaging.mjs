#!/usr/bin/env node
// Packaging check: packs every publishable package with `npm pack`, installs the
// tarballs into a scratch project outside the workspace, imports each package from
// plain Node and type-checks a TypeScript file against the published declarations.
// This proves `exports`, `dist` and `.d.ts` work for someone who depends on one
// package from npm, without the monorepo around it.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const packages = readdirSync(join(root, "packages"))
  .map((dir) => ({
    dir: join(root, "packages", dir),
    pkg: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")),
  }))
  .filter(({ pkg }) => !pkg.private);
const scratch = mkdtempSync(join(tmpdir(), "sidereal-pack-"));
const tarballs = join(scratch, "tarballs");
mkdirSync(tarballs);
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
try {
  for (const { dir } of packages)
    run("npm", ["pack", "--silent", "--pack-destination", tarballs], dir);
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  const app = join(scratch, "app");
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "scratch", private: true, type: "module" }),
  );
  run("npm", ["install", "--no-audit", "--no-fund", "--silent", ...files], app);
  const checks = packages.map(({ pkg }) => pkg.name);
  const js = checks
    .map(
      (name, i) =>
        `import * as m${i} from "${name}";\nif (Object.keys(m${i}).length === 0) throw new Error("${name} exports nothing");`,
    )
    .join("\n");
  writeFileSync(
    join(app, "check.mjs"),
    `${js}\nconsole.log("imported ${checks.length} packages");\n`,
  );
  process.stdout.write(run(process.execPath, ["check.mjs"], app));
  // declarations: a TypeScript consumer compiles against the published .d.ts
  writeFileSync(
    join(app, "check.ts"),
    `import { tensor, valueAndGrad, sum, square } from "@sidereal/tensor";\n` +
      `const [v, [g]] = valueAndGrad((x) => sum(square(x)))(tensor([1, 2]));\n` +
      `const n: number = v.item() + g.toArray()[0];\nexport { n };\n`,
  );
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2023",
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ["check.ts"],
    }),
  );
  run(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], app);
  console.log(`packaging check passed for ${checks.join(", ")}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
