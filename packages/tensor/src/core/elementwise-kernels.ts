/**
 * Generates the eager loops of elementwise primitives from their scalar expressions,
 * so each op gets its own monomorphic loop with the expression inlined (the same
 * expression `compile` later fuses). Broadcasting takes fast paths when an operand
 * has the full size or a single element, and an index map otherwise.
 */
import type { Primitive } from "./primitive.js";
import { scalarEnv } from "./scalar-env.js";
import { broadcastIndexMap, broadcastShapes, type Shape } from "./shape.js";

type Kernel = Primitive["run"];
const ARGS = ["x", "y", "z"] as const;

/** Builds a `run` for an elementwise primitive of arity 1..3 from its expression. */
export function elementwiseKernel(arity: 1 | 2 | 3, body: string): Kernel {
  const names = ARGS.slice(0, arity);
  const full = names.map((v, i) => `const ${v} = a${i}[i];`).join(" ");
  const lines: string[] = [];
  lines.push("return function run(inputs, inShapes, out, outShape) {");
  lines.push("const n = out.length;");
  names.forEach((_, i) => {
    lines.push(`const a${i} = inputs[${i}];`);
  });
  // fast path: all operands full size
  lines.push(`if (${names.map((_, i) => `a${i}.length === n`).join(" && ")}) {`);
  lines.push(`for (let i = 0; i < n; i++) { ${full} out[i] = ${body}; }`);
  lines.push("return; }");
  if (arity === 2) {
    lines.push("if (a0.length === 1 && a1.length === n) { const x = a0[0];");
    lines.push(`for (let i = 0; i < n; i++) { const y = a1[i]; out[i] = ${body}; } return; }`);
    lines.push("if (a1.length === 1 && a0.length === n) { const y = a1[0];");
    lines.push(`for (let i = 0; i < n; i++) { const x = a0[i]; out[i] = ${body}; } return; }`);
  }
  names.forEach((_, i) => {
    lines.push(`const m${i} = a${i}.length === n ? null : H.map(inShapes[${i}], outShape);`);
  });
  const gen = names
    .map((v, i) => `const ${v} = m${i} === null ? a${i}[i] : a${i}[m${i}[i]];`)
    .join(" ");
  lines.push(`for (let i = 0; i < n; i++) { ${gen} out[i] = ${body}; }`);
  lines.push("};");
  const factory = new Function("S", "H", hoistScalarFns(lines.join("\n"))) as (
    s: typeof scalarEnv,
    h: { map: typeof broadcastIndexMap },
  ) => Kernel;
  return factory(scalarEnv, { map: broadcastIndexMap });
}

/**
 * Rewrites `S.name(` calls to locals bound once (`const S_name = S.name`), so hot loops
 * call a constant function instead of looking a property up in the environment.
 */
export function hoistScalarFns(source: string): string {
  const names = new Set<string>();
  const body = source.replace(/\bS\.(\w+)\(/g, (_m, name: string) => {
    names.add(name);
    return `S_${name}(`;
  });
  const decls = [...names].map((n) => `const S_${n} = S.${n};`).join("\n");
  return `${decls}\n${body}`;
}

/** Shape rule of elementwise primitives: NumPy broadcasting of all inputs. */
export function elementwiseShape(name: string): (inShapes: readonly Shape[]) => Shape {
  return (inShapes) => {
    if (inShapes.length === 1) return inShapes[0];
    if (inShapes.length === 2 && inShapes[0].length === inShapes[1].length) {
      let same = true;
      for (let i = 0; i < inShapes[0].length; i++)
        if (inShapes[0][i] !== inShapes[1][i]) same = false;
      if (same) return inShapes[0];
    }
    return broadcastShapes(name, ...inShapes);
  };
}
