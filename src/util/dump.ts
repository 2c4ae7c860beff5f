/**
 * GILSIM_JIT_DUMP=DIR: code gilsim generates at run time (vm/jit.ts's translations,
 * objects/quick.ts's paths) is also written to DIR/NAME, to read it or to map a profile's
 * line numbers to it.
 */
import { mkdirSync, writeFileSync } from "node:fs";

export function dumpGenerated(name: string, source: string): void {
  const dir = process.env["GILSIM_JIT_DUMP"];
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/${name}`, source);
  }
}
