// The harness of the real-cluster validation scripts (gaia-distances `cluster-faults.mjs`,
// photometry-cube `cluster-cube.mjs`): a private PostgreSQL on 127.0.0.1 (setup-postgres.sh
// beside this file, which installs Debian's postgresql when absent), three `sidereal-runner`
// processes loading a task module, a bin run with a bounded wait, checks that count failures,
// and the clean-up that stops everything and keeps the work folder only when a check failed.
// Scripts, not package code: it is not published and nothing imports it at run time.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const runtime = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const runnerBin = join(runtime, "bin/sidereal-runner.js");
const setupPg = join(runtime, "scripts/setup-postgres.sh");

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A harness for one script: `tag` prefixes its log lines, `taskModule` is what the runners
 * load, `pgPort` and `basePort` (runner i listens on basePort + i) keep scripts apart.
 */
export function clusterHarness({ tag, taskModule, pgPort, basePort, runnerCount = 3 }) {
  const tmp = mkdtempSync(`/tmp/sidereal-${tag}-`);
  chmodSync(tmp, 0o755);
  const pgDir = join(tmp, "pg");
  let url = "";
  let failures = 0;
  let runners = [];

  const log = (...a) => console.log(`[${tag} ${new Date().toISOString().slice(11, 19)}]`, ...a);
  const check = (ok, what) => {
    log(`${ok ? "ok  " : "FAIL"} ${what}`);
    if (!ok) failures++;
  };
  const psql = (q) =>
    execFileSync("psql", ["-At", "-v", "ON_ERROR_STOP=1", url, "-c", q], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"], // polls before the tables exist fail quietly
    }).trim();
  /** A number from `q`, or NaN while the tables are missing or Postgres is down. */
  const scalar = (q) => {
    try {
      return Number(psql(q));
    } catch {
      return Number.NaN;
    }
  };
  const pg = (action) => execFileSync("bash", [setupPg, action, pgDir], { encoding: "utf8" });

  return {
    tmp,
    log,
    check,
    psql,
    scalar,
    get url() {
      return url;
    },
    get runners() {
      return runners;
    },
    startPostgres() {
      url = execFileSync("bash", [setupPg, "start", pgDir, String(pgPort)], {
        encoding: "utf8",
      }).trim();
      log(`postgres at ${url}`);
      return url;
    },
    restartPostgres: () => pg("restart"),
    startRunners(extra = []) {
      runners = Array.from({ length: runnerCount }, (_, i) =>
        spawn(
          process.execPath,
          [
            runnerBin,
            ...["--storage", url, "--port", String(basePort + i), "--name", `runner-${i}`],
            ...["--tasks", taskModule, ...extra],
          ],
          { stdio: ["ignore", "ignore", "inherit"] },
        ),
      );
      return runners;
    },
    async stopRunners() {
      const alive = (r) => r.exitCode === null && r.signalCode === null;
      for (const r of runners) if (alive(r)) r.kill("SIGTERM");
      for (const r of runners) for (let k = 0; k < 100 && alive(r); k++) await sleep(100);
      for (const r of runners) if (alive(r)) r.kill("SIGKILL");
      runners = [];
    },
    /**
     * Once `minResults` shard results are stored, SIGKILLs the runner that has run the most
     * shards (the likeliest to hold one in flight) and logs it against `totalShards`.
     */
    async killBusiestRunner(minResults, timeoutMs, totalShards) {
      const stored = () => this.scalar("select count(*) from sidereal_shard_results");
      await this.waitFor(() => stored() >= minResults, timeoutMs, "first results");
      const victim = psql(
        "select runner from sidereal_shard_runs group by runner order by count(*) desc limit 1",
      );
      const done = stored();
      runners[Number(victim.replace("runner-", ""))].kill("SIGKILL");
      log(`killed ${victim} (SIGKILL) with ${done}/${totalShards} shards done`);
    },
    /** Runs `node bin ...args`; resolves to `{ code, stderr, child }` (killed after `timeoutMs`). */
    runBin(bin, args, timeoutMs) {
      return new Promise((done) => {
        const child = spawn(process.execPath, [bin, ...args], {
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stdout.on("data", (d) => process.stdout.write(d));
        child.stderr.on("data", (d) => {
          stderr += d;
        });
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.on("exit", (code, signal) => {
          clearTimeout(timer);
          done({ code: code ?? signal, stderr, child });
        });
      });
    },
    async waitFor(pred, timeoutMs, what) {
      const t0 = Date.now();
      while (Date.now() - t0 < timeoutMs) {
        if (pred()) return true;
        await sleep(100);
      }
      log(`timed out waiting for ${what}`);
      return false;
    },
    /** Runs the script's checks, then stops runners and Postgres and sets the exit code. */
    async run(checks, passed) {
      try {
        await checks();
      } catch (e) {
        failures++;
        log(`FAIL ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        await this.stopRunners();
        try {
          pg("stop");
        } catch {}
        if (failures === 0) rmSync(tmp, { recursive: true, force: true });
        else log(`kept ${tmp} for inspection`);
      }
      log(failures === 0 ? passed : `${failures} check(s) failed`);
      process.exitCode = failures === 0 ? 0 : 1;
    },
  };
}
