import { expect, test } from "vitest";
import * as api from "../src/index.js";

test("module loads", () => {
  expect(typeof api).toBe("object");
});
