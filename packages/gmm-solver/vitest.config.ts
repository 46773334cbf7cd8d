import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "gmm-solver", include: ["test/**/*.test.ts"] },
});
