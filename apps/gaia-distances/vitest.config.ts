import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "gaia-distances", include: ["test/**/*.test.ts"] },
});
