#!/usr/bin/env node
/**
 * `exo-rt reference --case NAME --out FILE.csv`: computes one of ExoJAX's mock reference
 * cases and writes (wavenumber, value) rows. Exit codes: 0 ok, 2 usage, 1 failure.
 */
import { REFERENCE_CASES, referenceCase } from "../model/reference-cases.js";
import { writeTwoColumnCsv } from "./write-csv.js";

const USAGE = `usage: exo-rt reference --case <${REFERENCE_CASES.join("|")}> --out FILE.csv`;

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command !== "reference") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const name = option(rest, "--case");
  const out = option(rest, "--out");
  if (
    name === undefined ||
    out === undefined ||
    !(REFERENCE_CASES as readonly string[]).includes(name)
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const [x, y] = referenceCase(name);
    writeTwoColumnCsv(out, x, y);
    return 0;
  } catch (e) {
    const tag = (e as { _tag?: string })._tag;
    process.stderr.write(
      `exo-rt: ${tag ? `${tag}: ` : ""}${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
