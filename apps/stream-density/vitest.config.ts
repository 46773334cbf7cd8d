import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "stream-density", include: ["test/**/*.test.ts"] },
});
