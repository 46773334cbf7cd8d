// Threefry-2x32 with 20 rounds: J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw,
// "Parallel random numbers: as easy as 1, 2, 3", SC '11 (2011). Rotation constants
// R_2x32 = (13, 15, 26, 6, 17, 29, 16, 24) and the key-schedule parity constant 0x1BD11BDA
// are taken from that paper (Threefish/Skein). Written from the published description.

/** Threefish key-schedule parity constant (Skein 1.3 specification). */
const PARITY = 0x1bd11bda;

/**
 * Threefry-2x32-20 block function on plain numbers: encrypts the counter `(x0, x1)` under the
 * key `(k0, k1)` and writes the two output words to `out[offset]` and `out[offset + 1]`.
 *
 * All arithmetic is on 32-bit integers held in JS numbers: additions are wrapped with `| 0`
 * (the sum of two int32 values is exact in float64 and `| 0` reduces it modulo 2^32), rotations
 * use `<<` / `>>>`, and no `Math.imul` or BigInt is involved. The results are stored into a
 * `Uint32Array`, which reduces them to `[0, 2^32)`. Inputs may be any integers congruent to the
 * intended words modulo 2^32.
 */
export function threefry2x32Into(
  k0: number,
  k1: number,
  x0: number,
  x1: number,
  out: Uint32Array,
  offset: number,
): void {
  const k2 = k0 ^ k1 ^ PARITY;
  x0 = (x0 + k0) | 0;
  x1 = (x1 + k1) | 0;
  // Rounds 1-4.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  // Key injection 1.
  x0 = (x0 + k1) | 0;
  x1 = (x1 + k2 + 1) | 0;
  // Rounds 5-8.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  // Key injection 2.
  x0 = (x0 + k2) | 0;
  x1 = (x1 + k0 + 2) | 0;
  // Rounds 9-12.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  // Key injection 3.
  x0 = (x0 + k0) | 0;
  x1 = (x1 + k1 + 3) | 0;
  // Rounds 13-16.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  // Key injection 4.
  x0 = (x0 + k1) | 0;
  x1 = (x1 + k2 + 4) | 0;
  // Rounds 17-20.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  // Key injection 5.
  out[offset] = x0 + k2;
  out[offset + 1] = x1 + k0 + 5;
}

/**
 * Threefry-2x32-20 of a single block, returning `[y0, y1]` as uint32 numbers. Convenience
 * wrapper over {@link threefry2x32Into} (allocates; use the `Into` form in loops).
 */
export function threefry2x32(k0: number, k1: number, x0: number, x1: number): [number, number] {
  const out = new Uint32Array(2);
  threefry2x32Into(k0, k1, x0, x1, out, 0);
  return [out[0]!, out[1]!];
}
