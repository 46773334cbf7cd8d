/**
 * The NUTS trajectory builder and its workspace (internal to `nuts.ts`).
 *
 * Every per-dimension vector of a transition (phase points, momentum sums, boundary momenta
 * and velocities, proposals, the metric's diagonal) lives in ONE `Float64Array` arena and is
 * addressed by its offset. At M67's size (d = 4,304) this matters: V8 reloads the data
 * pointer of every typed array a loop reads after each store into another one, so a loop over
 * nine separate arrays with a store ran about 1.5× slower than the same loop over one arena.
 * Proposals are offsets too, so taking one is a swap of two numbers.
 *
 * A leaf allocates nothing and copies nothing: the leapfrog writes the new position and
 * gradient straight into the leaf's proposal slots (the phase point then refers to them until
 * the next step, which only reads them before the potential overwrites its own output), and
 * its second loop writes the momentum into the leaf's `ρ` and boundary slots and the velocity
 * into its boundary slot. Boundary values no ancestor reads (the inner ends of a two-leaf
 * subtree, whose merge has no junction checks) are not written at all, and for a diagonal
 * metric the two-leaf merge (half of all merges) runs inside the second leaf's loop. At the
 * end of each doubling the trajectory end takes its position and gradient back into slots of
 * its own (two copies per doubling).
 *
 * With a diagonal metric (M67's case) the non-gradient time is memory traffic over d-vectors,
 * so two more passes are saved: (1) no velocity `p♯ = m ∘ p` is stored; every U-turn check
 * forms it from the boundary momentum it already reads ({@link mergeCheckDiagonal}); (2) a
 * leaf's kick loop also takes the NEXT step's half kick and drift (`PhasePoint.pending`), so
 * the next leaf starts with the potential; a drift that is never used (the trajectory ends)
 * costs one loop per transition end.
 *
 * The arithmetic (order of every sum and product) is that of the earlier separate-array
 * builder, so transitions are bit-identical to it.
 */
import type { Metric } from "./metric.js";
import type { Potential } from "./types.js";

/** A candidate point: arena offsets of its position and gradient, its `U` and `H`. */
export interface Proposal {
  q: number;
  g: number;
  potentialEnergy: number;
  energy: number;
}

/**
 * A trajectory end: its momentum slot (updated in place), the slots its current position and
 * gradient are in (`q`, `g`: its own or, inside a doubling, the last leaf's proposal), and its
 * own slots (`qOwn`, `gOwn`).
 *
 * `pending` (diagonal metric only): the last leaf's kick already took the next step's first
 * half kick and drift, so `p` holds the half-step momentum and `q = qOwn` the drifted position;
 * the next leaf only evaluates the potential there. `qOwn` then changes hands with the next
 * leaf's proposal slot (a swap of offsets), so it is not fixed.
 */
export interface PhasePoint {
  q: number;
  g: number;
  readonly p: number;
  qOwn: number;
  readonly gOwn: number;
  potentialEnergy: number;
  pending: boolean;
}

interface Level {
  readonly rhoInit: number;
  readonly rhoFinal: number;
  readonly pInitEnd: number;
  readonly vInitEnd: number;
  readonly pFinalBeg: number;
  readonly vFinalBeg: number;
  readonly proposalFinal: Proposal;
}

/** Slots per level of the recursion and outside it (see the constructor). */
const SLOTS_PER_LEVEL = 8;
const TOP_SLOTS = 22;

export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Moves `from`'s point into `to` by swapping slots (both are workspace-owned). */
export function takeProposal(to: Proposal, from: Proposal): void {
  const q = to.q;
  const g = to.g;
  to.q = from.q;
  to.g = from.g;
  from.q = q;
  from.g = g;
  to.potentialEnergy = from.potentialEnergy;
  to.energy = from.energy;
}

/**
 * Merges two adjacent sub-trajectories A (earlier in integration order) and B and applies the
 * generalised no-U-turn criterion (Betancourt 2017, arXiv:1701.02434, appendix A.4.2): with
 * `ρ` a momentum sum and `p♯ = M⁻¹p` at the two ends of a trajectory, it continues while
 * `p♯₋·ρ > 0` and `p♯₊·ρ > 0`. Writes `rho = rhoA + rhoB` and checks (1) the merged trajectory
 * (ends `vBeg`, `vEnd`), and, when `extra` is set, (2) A extended by B's first point
 * (`rhoA + pBBeg`, ends `vBeg`, `vBBeg`) and (3) B extended by A's last point
 * (`rhoB + pAEnd`, ends `vAEnd`, `vEnd`) — Stan's additional checks across the junction.
 * When A and B are single points, (2) and (3) coincide with (1) and are skipped. One fused
 * pass over the coordinates; all arguments but `a` are arena offsets (`rho` may be `rhoA`).
 */
export function mergeCheck(
  a: Float64Array,
  d: number,
  vBeg: number,
  vEnd: number,
  rho: number,
  rhoA: number,
  rhoB: number,
  pAEnd: number,
  vAEnd: number,
  pBBeg: number,
  vBBeg: number,
  extra: boolean,
): boolean {
  let s1 = 0;
  let s2 = 0;
  if (!extra) {
    for (let i = 0; i < d; i++) {
      const r = a[rhoA + i] + a[rhoB + i];
      a[rho + i] = r;
      s1 += a[vBeg + i] * r;
      s2 += a[vEnd + i] * r;
    }
    return s1 > 0 && s2 > 0;
  }
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  for (let i = 0; i < d; i++) {
    const ra = a[rhoA + i];
    const rb = a[rhoB + i];
    const r = ra + rb;
    a[rho + i] = r;
    const sb = a[vBeg + i];
    const se = a[vEnd + i];
    s1 += sb * r;
    s2 += se * r;
    const r2 = ra + a[pBBeg + i];
    s3 += sb * r2;
    s4 += a[vBBeg + i] * r2;
    const r3 = rb + a[pAEnd + i];
    s5 += a[vAEnd + i] * r3;
    s6 += se * r3;
  }
  return s1 > 0 && s2 > 0 && s3 > 0 && s4 > 0 && s5 > 0 && s6 > 0;
}

/**
 * {@link mergeCheck} for a diagonal metric `m` (arena offset of `diag M⁻¹`): the velocities
 * `p♯ = m ∘ p` at the four ends are formed on the fly from their momenta (`pBeg`, `pEnd`,
 * `pAEnd`, `pBBeg`) instead of being read from velocity slots, so the tree stores no
 * velocities at all. Each product `m[i]·p[i]` is the one the leapfrog formed for the velocity,
 * so the sums, and the draws, are bit-identical to {@link mergeCheck}'s.
 */
export function mergeCheckDiagonal(
  a: Float64Array,
  d: number,
  m: number,
  pBeg: number,
  pEnd: number,
  rho: number,
  rhoA: number,
  rhoB: number,
  pAEnd: number,
  pBBeg: number,
): boolean {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  for (let i = 0; i < d; i++) {
    const mi = a[m + i];
    const ra = a[rhoA + i];
    const rb = a[rhoB + i];
    const r = ra + rb;
    a[rho + i] = r;
    const sb = mi * a[pBeg + i];
    const se = mi * a[pEnd + i];
    s1 += sb * r;
    s2 += se * r;
    const pb = a[pBBeg + i];
    const r2 = ra + pb;
    s3 += sb * r2;
    s4 += mi * pb * r2;
    const pa = a[pAEnd + i];
    const r3 = rb + pa;
    s5 += mi * pa * r3;
    s6 += se * r3;
  }
  return s1 > 0 && s2 > 0 && s3 > 0 && s4 > 0 && s5 > 0 && s6 > 0;
}

/** Per-dimension arena and the tree builder; one per kernel, reused across transitions. */
export class TreeWorkspace {
  readonly d: number;
  readonly arena: Float64Array;
  /** `views[k]` is slot `k` (offset `k·d`) as an array, for the potential and the metric. */
  private readonly views: Float64Array[] = [];
  private nextSlot = 0;
  private readonly capacity: number;
  private readonly levels: Level[] = [];

  readonly fwd: PhasePoint;
  readonly bck: PhasePoint;
  /** Top-level momentum sum and the old trajectory's boundary momenta and velocities. */
  readonly rho: number;
  readonly pFwd: number;
  readonly vFwd: number;
  readonly pBck: number;
  readonly vBck: number;
  /** The new subtree's sum, boundary momenta and velocities. */
  readonly rhoNew: number;
  readonly pNewBeg: number;
  readonly vNewBeg: number;
  readonly pNewEnd: number;
  readonly vNewEnd: number;
  /** Velocity scratch of the dense-metric leapfrog. */
  private readonly vScratch: number;
  /** The diagonal of `M⁻¹` (copied in when the metric changes). */
  readonly diag: number;
  readonly sample: Proposal;
  readonly proposalNew: Proposal;

  potential: Potential;
  private metric: Metric | undefined;
  threshold: number;
  stepSize = 0;
  h0 = 0;
  sumMetroProb = 0;
  numLeapfrog = 0;
  divergent = false;
  /** log-sum-weight of the subtree built by the last `build` call. */
  lsw = 0;
  uniforms: Float64Array = new Float64Array(0);
  uIndex = 0;
  /** The criterion of the merge fused into the last `leapfrogMerged`. */
  private noUTurn = false;
  /**
   * Whether the metric is diagonal. Then no velocity slot is written or read (`vBeg`, `vEnd`
   * and the top level's `v*` stay stale): every U-turn check forms `p♯ = m ∘ p` from the
   * boundary momenta, which saves a store per leaf and a load per check end.
   */
  diagonal = false;

  constructor(d: number, potential: Potential, threshold: number, maxTreeDepth: number) {
    this.d = d;
    this.potential = potential;
    this.threshold = threshold;
    // TOP_SLOTS outside the recursion, SLOTS_PER_LEVEL per level 1..maxTreeDepth−1.
    this.capacity = TOP_SLOTS + SLOTS_PER_LEVEL * (maxTreeDepth - 1);
    this.arena = new Float64Array(this.capacity * d);
    const phasePoint = (): PhasePoint => {
      const qOwn = this.slot();
      const gOwn = this.slot();
      return { q: qOwn, g: gOwn, p: this.slot(), qOwn, gOwn, potentialEnergy: 0, pending: false };
    };
    this.fwd = phasePoint();
    this.bck = phasePoint();
    this.rho = this.slot();
    this.pFwd = this.slot();
    this.vFwd = this.slot();
    this.pBck = this.slot();
    this.vBck = this.slot();
    this.rhoNew = this.slot();
    this.pNewBeg = this.slot();
    this.vNewBeg = this.slot();
    this.pNewEnd = this.slot();
    this.vNewEnd = this.slot();
    this.vScratch = this.slot();
    this.diag = this.slot();
    this.sample = this.proposal();
    this.proposalNew = this.proposal();
  }

  private slot(): number {
    const k = this.nextSlot++;
    if (k >= this.capacity) throw new Error(`nuts workspace: slot ${k} beyond ${this.capacity}`);
    this.views.push(this.arena.subarray(k * this.d, (k + 1) * this.d));
    return k * this.d;
  }

  private proposal(): Proposal {
    return { q: this.slot(), g: this.slot(), potentialEnergy: 0, energy: 0 };
  }

  /** Slot at `offset` as an array (shares the arena). */
  view(offset: number): Float64Array {
    return this.views[offset / this.d];
  }

  /** Copies slot `from` into slot `to` (no-op when equal). */
  copy(to: number, from: number): void {
    if (to !== from) this.arena.copyWithin(to, from, from + this.d);
  }

  /** Sets the metric of the next transition (copies a diagonal into the arena). */
  setMetric(metric: Metric): void {
    if (metric === this.metric) return;
    this.metric = metric;
    this.diagonal = metric.diagonal !== null;
    if (metric.diagonal !== null) this.view(this.diag).set(metric.diagonal);
  }

  /** Gives a trajectory end its position and gradient back in its own slots. */
  own(z: PhasePoint): void {
    this.copy(z.qOwn, z.q);
    this.copy(z.gOwn, z.g);
    z.q = z.qOwn;
    z.g = z.gOwn;
  }

  /** The scratch of recursion depth `depth` ≥ 1 (allocated on first use). */
  private level(depth: number): Level {
    while (this.levels.length < depth) {
      this.levels.push({
        rhoInit: this.slot(),
        rhoFinal: this.slot(),
        pInitEnd: this.slot(),
        vInitEnd: this.slot(),
        pFinalBeg: this.slot(),
        vFinalBeg: this.slot(),
        proposalFinal: this.proposal(),
      });
    }
    return this.levels[depth - 1];
  }

  /**
   * The first half of a diagonal-metric leapfrog step: `p ← p − (ε/2)∇U(q)`, `q′ ← q + ε M⁻¹p`
   * into `propose.q`, then `(U, ∇U)(q′)` into `propose.g`; `z` then refers to those slots.
   * When `z` is pending (the previous kick did the half kick and drift), `q′` is already in
   * `z.qOwn`: that slot becomes `propose.q` and the proposal's stale slot becomes `z.qOwn`.
   */
  private diagonalDrift(z: PhasePoint, propose: Proposal): void {
    if (z.pending) {
      const drifted = z.qOwn;
      z.qOwn = propose.q;
      propose.q = drifted;
      z.pending = false;
      z.potentialEnergy = this.potential(this.view(drifted), this.view(propose.g));
      z.q = drifted;
      z.g = propose.g;
      return;
    }
    const a = this.arena;
    const d = this.d;
    const eps = this.stepSize;
    const half = 0.5 * eps;
    const p = z.p;
    const qIn = z.q;
    const gIn = z.g;
    const qOut = propose.q;
    const m = this.diag;
    for (let i = 0; i < d; i++) {
      const pi = a[p + i] - half * a[gIn + i];
      a[p + i] = pi;
      a[qOut + i] = a[qIn + i] + eps * a[m + i] * pi;
    }
    z.potentialEnergy = this.potential(this.view(qOut), this.view(propose.g));
    z.q = qOut;
    z.g = propose.g;
  }

  /**
   * One leapfrog step from `z` into `propose`'s slots (see the module doc): `z` then refers to
   * them. Writes `p` into `rho` (unless `rho` is −1) and `pOut`, `p♯ = M⁻¹p` into `vOut`
   * (dense metric only), and returns the kinetic energy. For a diagonal metric both half
   * steps are fused loops over the arena:
   *
   *   p ← p − (ε/2) ∇U(q);   q′ ← q + ε M⁻¹ p;   (U, ∇U) ← potential(q′);   p ← p − (ε/2) ∇U(q′).
   */
  private leapfrog(z: PhasePoint, propose: Proposal, rho: number, pOut: number, vOut: number) {
    const a = this.arena;
    const d = this.d;
    const eps = this.stepSize;
    const half = 0.5 * eps;
    const p = z.p;
    const qIn = z.q;
    const gIn = z.g;
    const qOut = propose.q;
    const gOut = propose.g;
    const metric = this.metric as Metric;
    if (metric.diagonal !== null) {
      const m = this.diag;
      this.diagonalDrift(z, propose);
      // the kick, then (speculatively) the next step's half kick and drift into z.qOwn
      const qLeaf = propose.q;
      const qNext = z.qOwn;
      let k = 0;
      if (rho < 0) {
        for (let i = 0; i < d; i++) {
          const mi = a[m + i];
          const gi = a[gOut + i];
          const pi = a[p + i] - half * gi;
          a[pOut + i] = pi;
          k += pi * (mi * pi);
          const ph = pi - half * gi;
          a[p + i] = ph;
          a[qNext + i] = a[qLeaf + i] + eps * mi * ph;
        }
      } else {
        for (let i = 0; i < d; i++) {
          const mi = a[m + i];
          const gi = a[gOut + i];
          const pi = a[p + i] - half * gi;
          a[rho + i] = pi;
          a[pOut + i] = pi;
          k += pi * (mi * pi);
          const ph = pi - half * gi;
          a[p + i] = ph;
          a[qNext + i] = a[qLeaf + i] + eps * mi * ph;
        }
      }
      z.q = qNext;
      z.pending = true;
      return 0.5 * k;
    }
    const v = this.vScratch;
    for (let i = 0; i < d; i++) a[p + i] -= half * a[gIn + i];
    metric.velocity(this.view(p), this.view(v));
    for (let i = 0; i < d; i++) a[qOut + i] = a[qIn + i] + eps * a[v + i];
    z.potentialEnergy = this.potential(this.view(qOut), this.view(gOut));
    z.q = qOut;
    z.g = gOut;
    for (let i = 0; i < d; i++) {
      const pi = a[p + i] - half * a[gOut + i];
      a[p + i] = pi;
      a[rho + i] = pi;
      a[pOut + i] = pi;
    }
    metric.velocity(this.view(p), this.view(vOut));
    let k = 0;
    for (let i = 0; i < d; i++) k += a[p + i] * a[vOut + i];
    return 0.5 * k;
  }

  /**
   * The diagonal-metric leapfrog of the second leaf of a two-leaf subtree, with that
   * subtree's merge fused into its second loop: besides `p` (into `pOut`) it writes
   * `rho = pBeg + p` (the first leaf's momentum is that leaf's whole momentum sum) and sets
   * `this.noUTurn` to the criterion `p♯₋·ρ > 0 ∧ p♯₊·ρ > 0` with `p♯₋ = m ∘ pBeg`,
   * `p♯₊ = m ∘ p` — the same sums, in the same order, as {@link mergeCheck} without junction
   * checks, one pass over the arena fewer.
   */
  private leapfrogMerged(
    z: PhasePoint,
    propose: Proposal,
    pOut: number,
    pBeg: number,
    rho: number,
  ): number {
    const a = this.arena;
    const d = this.d;
    const eps = this.stepSize;
    const half = 0.5 * eps;
    const p = z.p;
    const gOut = propose.g;
    const m = this.diag;
    this.diagonalDrift(z, propose);
    const qLeaf = propose.q;
    const qNext = z.qOwn;
    let k = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < d; i++) {
      const mi = a[m + i];
      const gi = a[gOut + i];
      const pi = a[p + i] - half * gi;
      a[pOut + i] = pi;
      const vi = mi * pi;
      k += pi * vi;
      const pb = a[pBeg + i];
      const r = pb + pi;
      a[rho + i] = r;
      s1 += mi * pb * r;
      s2 += vi * r;
      // the next step's half kick and drift (see PhasePoint.pending)
      const ph = pi - half * gi;
      a[p + i] = ph;
      a[qNext + i] = a[qLeaf + i] + eps * mi * ph;
    }
    z.q = qNext;
    z.pending = true;
    this.noUTurn = s1 > 0 && s2 > 0;
    return 0.5 * k;
  }

  /**
   * Energy bookkeeping of a leaf whose leapfrog step just ended at `z` with kinetic energy
   * `kinetic`: its weight `exp(H₀ − H)`, divergence, the acceptance statistic's sum, and
   * `propose`'s energies. Returns false on divergence.
   */
  private leaf(z: PhasePoint, propose: Proposal, kinetic: number): boolean {
    this.numLeapfrog++;
    let h = z.potentialEnergy + kinetic;
    if (Number.isNaN(h)) h = Number.POSITIVE_INFINITY;
    const logWeight = this.h0 - h;
    if (!(-logWeight <= this.threshold)) this.divergent = true;
    this.lsw = logWeight;
    this.sumMetroProb += logWeight > 0 ? 1 : Math.exp(logWeight);
    propose.potentialEnergy = z.potentialEnergy;
    propose.energy = h;
    return !this.divergent;
  }

  /**
   * Uniform progressive sampling inside a subtree of halves with log-weights `lswInit` and
   * `lswFinal` (sets `this.lsw` to the subtree's): takes the second half's point into
   * `propose` with probability `w_final / (w_init + w_final)`.
   */
  private combine(propose: Proposal, second: Proposal, lswInit: number, lswFinal: number): void {
    const lswSubtree = logAddExp(lswInit, lswFinal);
    this.lsw = lswSubtree;
    const u = this.uniforms[this.uIndex++];
    if (u < Math.exp(lswFinal - lswSubtree)) takeProposal(propose, second);
  }

  /**
   * Builds a subtree of `2^depth` leapfrog steps from `z` in the direction of `this.stepSize`
   * (Hoffman & Gelman 2014, Alg. 3, with multinomial sampling, Betancourt 2017). Writes the
   * selected point into `propose`, the momentum sum into `rho`, the first/last momenta and
   * velocities (in integration order) into `pBeg/pEnd` and `vBeg/vEnd`, and the subtree's
   * log-sum-weight into `this.lsw`. Returns false on divergence or an internal U-turn.
   */
  build(
    depth: number,
    z: PhasePoint,
    propose: Proposal,
    vBeg: number,
    vEnd: number,
    rho: number,
    pBeg: number,
    pEnd: number,
  ): boolean {
    if (depth === 0) {
      const valid = this.leaf(z, propose, this.leapfrog(z, propose, rho, pBeg, vBeg));
      this.copy(pEnd, pBeg);
      if (!this.diagonal) this.copy(vEnd, vBeg);
      return valid;
    }
    const lv = this.level(depth);
    if (depth === 1) {
      // Two leaves; the inner ends are read by no junction check (see mergeCheck).
      const second = lv.proposalFinal;
      if (this.diagonal) {
        // the first leaf's momentum sum is its momentum, already in pBeg
        if (!this.leaf(z, propose, this.leapfrog(z, propose, -1, pBeg, -1))) return false;
        const lswInit = this.lsw;
        const kinetic = this.leapfrogMerged(z, second, pEnd, pBeg, rho);
        if (!this.leaf(z, second, kinetic)) return false;
        this.combine(propose, second, lswInit, this.lsw);
        return this.noUTurn;
      }
      if (!this.leaf(z, propose, this.leapfrog(z, propose, lv.rhoInit, pBeg, vBeg))) return false;
      const lswInit = this.lsw;
      if (!this.leaf(z, second, this.leapfrog(z, second, lv.rhoFinal, pEnd, vEnd))) return false;
      this.combine(propose, second, lswInit, this.lsw);
      const a = this.arena;
      return mergeCheck(a, this.d, vBeg, vEnd, rho, lv.rhoInit, lv.rhoFinal, 0, 0, 0, 0, false);
    }
    if (!this.build(depth - 1, z, propose, vBeg, lv.vInitEnd, lv.rhoInit, pBeg, lv.pInitEnd)) {
      return false;
    }
    const lswInit = this.lsw;
    if (
      !this.build(
        depth - 1,
        z,
        lv.proposalFinal,
        lv.vFinalBeg,
        vEnd,
        lv.rhoFinal,
        lv.pFinalBeg,
        pEnd,
      )
    ) {
      return false;
    }
    this.combine(propose, lv.proposalFinal, lswInit, this.lsw);
    if (this.diagonal) {
      return mergeCheckDiagonal(
        this.arena,
        this.d,
        this.diag,
        pBeg,
        pEnd,
        rho,
        lv.rhoInit,
        lv.rhoFinal,
        lv.pInitEnd,
        lv.pFinalBeg,
      );
    }
    return mergeCheck(
      this.arena,
      this.d,
      vBeg,
      vEnd,
      rho,
      lv.rhoInit,
      lv.rhoFinal,
      lv.pInitEnd,
      lv.vInitEnd,
      lv.pFinalBeg,
      lv.vFinalBeg,
      true,
    );
  }
}
