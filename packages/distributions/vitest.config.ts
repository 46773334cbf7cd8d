import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "distributions", include: ["test/**/*.test.ts"] },
});
