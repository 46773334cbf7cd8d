import { defineConfig } from "vitest/config";

// Vitest 4+ no longer reads `vitest.workspace.ts`; the same role is played by
// `test.projects`: one project per package/app, each with its own name.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
  },
});
