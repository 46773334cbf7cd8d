#!/usr/bin/env node
// Asserts that npm scripts run on the pinned Node (root devDependency `node@24`) and
// that worker threads work on it. Run first by `npm test`.
import { Worker } from "node:worker_threads";

const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  console.error(`expected Node >= 24 from the root devDependency "node", got ${process.version}`);
  process.exit(1);
}
const worker = new Worker(
  "const { parentPort } = require('node:worker_threads'); parentPort.postMessage(process.version);",
  {
    eval: true,
  },
);
worker.once("message", (v) => {
  console.log(`node ${process.version} (worker thread: ${v})`);
  worker.terminate();
});
worker.once("error", (e) => {
  console.error("worker threads failed:", e);
  process.exit(1);
});
