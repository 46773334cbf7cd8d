/**
 * Progress line of SVI runs, like NumPyro's tqdm postfix:
 * `SVI  1200/2000  60% | 812.3 it/s | init loss: 1.5587e+2, avg. loss [1101-1200]: 1.2345e+1`.
 * The running mean covers the last block of max(⌊numSteps/20⌋, 1) steps. On a TTY the line is
 * redrawn in place (at most every 100 ms); otherwise a line is written at every 10 %.
 */

/** Where progress goes (`process.stderr` by default). */
export interface SviProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toExponential(4) : String(x));

/** The progress line (pure). */
export function formatSviProgress(
  step: number,
  numSteps: number,
  itPerSec: number,
  initLoss: number,
  avg: { readonly from: number; readonly to: number; readonly loss: number } | undefined,
): string {
  const n = String(numSteps).length;
  const pct = numSteps > 0 ? Math.floor((100 * step) / numSteps) : 100;
  const rate = Number.isFinite(itPerSec) ? `${itPerSec.toFixed(1)} it/s` : "-- it/s";
  const tail = avg ? `, avg. loss [${avg.from}-${avg.to}]: ${fmt(avg.loss)}` : "";
  return `SVI ${String(step).padStart(n)}/${numSteps} ${String(pct).padStart(3)}% | ${rate} | init loss: ${fmt(initLoss)}${tail}`;
}

/** Stateful reporter: call `update(step, loss)` after each step (1-based) and `done()`. */
export function sviProgressReporter(
  numSteps: number,
  stream: SviProgressStream = process.stderr,
): { update(step: number, loss: number): void; done(): void } {
  const batch = Math.max(Math.floor(numSteps / 20), 1);
  const t0 = performance.now();
  let initLoss = Number.NaN;
  let blockSum = 0;
  let avg: { from: number; to: number; loss: number } | undefined;
  let lastDraw = 0;
  let logged = 0; // tenths logged so far (non-TTY)
  let lastLogged = -1;
  let line = "";
  const draw = (step: number, force: boolean) => {
    const now = performance.now();
    const rate = (1000 * step) / Math.max(now - t0, 1e-9);
    line = formatSviProgress(step, numSteps, rate, initLoss, avg);
    if (stream.isTTY) {
      if (force || now - lastDraw >= 100) {
        stream.write(`\r${line}`);
        lastDraw = now;
      }
    } else if ((force && lastLogged !== step) || (!force && 10 * step >= (logged + 1) * numSteps)) {
      stream.write(`${line}\n`);
      lastLogged = step;
      while (logged < 10 && 10 * step >= (logged + 1) * numSteps) logged++;
    }
  };
  return {
    update(step, loss) {
      if (step === 1) initLoss = loss;
      blockSum += loss;
      if (step % batch === 0) {
        avg = { from: step - batch + 1, to: step, loss: blockSum / batch };
        blockSum = 0;
      }
      draw(step, false);
    },
    done() {
      draw(numSteps, true);
      if (stream.isTTY) stream.write("\n");
    },
  };
}
