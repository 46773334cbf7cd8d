/** Test helpers: a seeded PRNG, synthetic posteriors, and a tiny XML well-formedness checker. */
import type { Posterior } from "../src/index.js";

/** Mulberry32: small deterministic PRNG returning uniforms in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal sampler (Box–Muller) on top of {@link rng}. */
export function normalSampler(seed: number): () => number {
  const u = rng(seed);
  return () => {
    let a = u();
    while (a === 0) a = u();
    return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
  };
}

/** Posterior with a scalar `mu`, a scalar `sigma` and a vector `theta` of length `k`. */
export function makePosterior(chains: number, draws: number, k = 2, seed = 1): Posterior {
  const z = normalSampler(seed);
  const n = chains * draws;
  const mu = new Float64Array(n);
  const sigma = new Float64Array(n);
  const theta = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    mu[i] = 1 + 0.3 * z();
    sigma[i] = Math.exp(0.2 * z());
    for (let j = 0; j < k; j++) theta[i * k + j] = j + 0.5 * z();
  }
  return {
    mu: { draws: mu, shape: [chains, draws] },
    sigma: { draws: sigma, shape: [chains, draws] },
    theta: { draws: theta, shape: [chains, draws, k] },
  };
}

/** Number of non-overlapping occurrences of `needle` in `haystack`. */
export function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length))
    n++;
  return n;
}

const NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:.";

function checkEntities(text: string, where: string): void {
  for (let i = text.indexOf("&"); i !== -1; i = text.indexOf("&", i + 1)) {
    const semi = text.indexOf(";", i);
    const name = semi === -1 ? "" : text.slice(i + 1, semi);
    const ok =
      ["amp", "lt", "gt", "quot", "apos"].includes(name) ||
      (name.startsWith("#") &&
        name.length > 1 &&
        [...name.slice(1)].every((c) => "0123456789".includes(c)));
    if (!ok) throw new Error(`bad entity at ${where}: ${text.slice(i, i + 12)}`);
  }
}

/**
 * Check that `doc` is well-formed: balanced and properly nested tags, quoted attributes,
 * no raw `<` or `&` in text or attribute values. Written without regular expressions.
 * `voidElements` (for HTML) are allowed without a closing tag.
 */
export function assertWellFormed(doc: string, voidElements: readonly string[] = []): void {
  const stack: string[] = [];
  let i = 0;
  let roots = 0;
  while (i < doc.length) {
    const lt = doc.indexOf("<", i);
    const text = lt === -1 ? doc.slice(i) : doc.slice(i, lt);
    if (text.includes(">")) throw new Error(`raw '>' in text near ${i}`);
    checkEntities(text, `text ${i}`);
    if (stack.length === 0 && text.trim() !== "") throw new Error(`text outside root near ${i}`);
    if (lt === -1) break;
    if (doc.startsWith("<?", lt)) {
      const end = doc.indexOf("?>", lt);
      if (end === -1) throw new Error("unterminated processing instruction");
      i = end + 2;
      continue;
    }
    if (doc.startsWith("<!--", lt)) {
      const end = doc.indexOf("-->", lt);
      if (end === -1) throw new Error("unterminated comment");
      i = end + 3;
      continue;
    }
    if (doc.startsWith("<!", lt)) {
      i = doc.indexOf(">", lt) + 1;
      continue;
    }
    // Scan the tag, respecting quoted attribute values.
    let j = lt + 1;
    let quote = "";
    while (j < doc.length) {
      const c = doc[j];
      if (quote) {
        if (c === quote) quote = "";
        else if (c === "<") throw new Error(`raw '<' in attribute near ${j}`);
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ">") break;
      else if (c === "<") throw new Error(`'<' inside tag near ${j}`);
      j++;
    }
    if (j >= doc.length) throw new Error(`unterminated tag at ${lt}`);
    const inner = doc.slice(lt + 1, j);
    checkEntities(inner, `tag ${lt}`);
    const closing = inner.startsWith("/");
    const selfClosing = inner.endsWith("/");
    let k = closing ? 1 : 0;
    let name = "";
    while (k < inner.length && NAME_CHARS.includes(inner[k])) name += inner[k++];
    if (name === "") throw new Error(`empty tag name at ${lt}`);
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}> at ${lt}`);
    } else if (!selfClosing && !voidElements.includes(name.toLowerCase())) {
      if (stack.length === 0) roots++;
      stack.push(name);
    }
    i = j + 1;
  }
  if (stack.length > 0) throw new Error(`unclosed tags: ${stack.join(" > ")}`);
  if (roots !== 1) throw new Error(`expected exactly one root element, found ${roots}`);
}
