#!/usr/bin/env node
// Creates a package (or app) from the Sidereal template:
//   node scripts/new-package.mjs <folder> "<one-line description>" [--app] [--dep @sidereal/x ...]
// The template is the contract every package follows: ESM, an `exports` map with
// `types` + `import`, `files: ["dist"]`, `sideEffects: false`, strict tsconfig
// extending the base, `src/index.ts`, `test/`, and a README with a runnable example.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const folder = args[0];
const description = args[1] ?? "";
const isApp = args.includes("--app");
const deps = [];
for (let i = 0; i < args.length; i++) if (args[i] === "--dep") deps.push(args[i + 1]);
if (!folder || !/^[a-z][a-z0-9-]*$/.test(folder)) {
  console.error("usage: node scripts/new-package.mjs <folder> <description> [--app] [--dep name]");
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
  type: "module",
  ...(isApp ? { private: true } : {}),
  sideEffects: false,
  exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } },
  main: "./dist/index.js",
  types: "./dist/index.d.ts",
  files: ["dist"],
  engines: { node: ">=22.12" },
  scripts: {
    build: "tsc -p tsconfig.build.json",
    typecheck: "tsc -p tsconfig.json --noEmit",
  },
  dependencies: Object.fromEntries(deps.map((d) => [d, "0.0.0"])),
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
writeFileSync(
  join(root, "README.md"),
  `# ${name}\n\n${description}\n\n## Example\n\n\`\`\`ts\nimport {} from "${name}";\n\`\`\`\n\n## API at a glance\n`,
);
console.log(`created ${root}`);
