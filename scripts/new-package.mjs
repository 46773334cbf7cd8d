#!/usr/bin/env node
// Creates a package (or app) from the Sidereal template:
//   node scripts/new-package.mjs <folder> "<one-line description>" [--app] [--dep @sidereal/x ...]
// The template is the packaging convention of CONTRIBUTING.md (checked for every package by
// scripts/validate-packaging.mjs): ESM, an `exports` map with `types` + `import` + `default`
// and `./package.json`, `files: ["dist", "src", "README.md", "LICENSE"]`, repository metadata,
// a LICENSE, strict tsconfig extending the base, `src/index.ts`, `test/`, and a README with
// Install and a runnable Example. Add `--effect` when the public types mention Effect: it
// becomes a peer (and dev) dependency, never a plain one.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const folder = args[0];
const description = args[1] ?? "";
const isApp = args.includes("--app");
const usesEffect = args.includes("--effect");
const REPOSITORY = "https://github.com/sidereal-astro/sidereal";
const deps = [];
for (let i = 0; i < args.length; i++) if (args[i] === "--dep") deps.push(args[i + 1]);
if (!folder || !/^[a-z][a-z0-9-]*$/.test(folder)) {
  console.error(
    "usage: node scripts/new-package.mjs <folder> <description> [--app] [--effect] [--dep name]",
  );
  process.exit(2);
}
const root = join(isApp ? "apps" : "packages", folder);
if (existsSync(root)) {
  console.error(`${root} already exists`);
  process.exit(1);
}
mkdirSync(join(root, "src"), { recursive: true });
mkdirSync(join(root, "test"), { recursive: true });
const name = `@sidereal/${folder}`;
const pkg = {
  name,
  version: "0.0.0",
  description,
  license: "MIT",
  keywords: ["astronomy"],
  homepage: `${REPOSITORY}/tree/main/${root}#readme`,
  bugs: { url: `${REPOSITORY}/issues` },
  repository: { type: "git", url: `git+${REPOSITORY}.git`, directory: root },
  type: "module",
  ...(isApp ? { private: true } : {}),
  sideEffects: false,
  exports: {
    ".": { types: "./dist/index.d.ts", import: "./dist/index.js", default: "./dist/index.js" },
    "./package.json": "./package.json",
  },
  main: "./dist/index.js",
  types: "./dist/index.d.ts",
  files: ["dist", "src", "README.md", "LICENSE"],
  engines: { node: ">=22.12" },
  scripts: {
    build: "tsc -p tsconfig.build.json",
    typecheck: "tsc -p tsconfig.json --noEmit",
  },
  dependencies: Object.fromEntries(deps.map((d) => [d, "0.0.0"])),
  ...(usesEffect
    ? { peerDependencies: { effect: "^4.1.0" }, devDependencies: { effect: "^4.1.0" } }
    : {}),
};
writeFileSync(join(root, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  join(root, "tsconfig.json"),
  `${JSON.stringify(
    {
      extends: "../../tsconfig.base.json",
      compilerOptions: { noEmit: true, rootDir: "." },
      include: ["src", "test", "bench"],
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  join(root, "tsconfig.build.json"),
  `${JSON.stringify(
    {
      extends: "../../tsconfig.base.json",
      compilerOptions: { outDir: "dist", rootDir: "src", noEmit: false },
      include: ["src"],
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  join(root, "vitest.config.ts"),
  `import { defineProject } from "vitest/config";\n\nexport default defineProject({\n  test: { name: "${folder}", include: ["test/**/*.test.ts"] },\n});\n`,
);
writeFileSync(join(root, "src/index.ts"), `export {};\n`);
copyFileSync("LICENSE", join(root, "LICENSE"));
writeFileSync(
  join(root, "README.md"),
  `# ${name}\n\n${description}\n\n## Install\n\n\`\`\`sh\nnpm install ${name}${usesEffect ? " effect" : ""}\n\`\`\`\n\n## Example\n\n\`\`\`ts\nimport {} from "${name}";\n\`\`\`\n\n## API at a glance\n`,
);
console.log(`created ${root}`);
