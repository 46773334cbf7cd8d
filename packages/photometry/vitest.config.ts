import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "photometry", include: ["test/**/*.test.ts"] },
});
