/**
 * The simulated modules' table. A module is its functions (registered with
 * defModuleFunction, in natives.ts) plus an init that adds its other attributes.
 * `gc`, `weakref`, `threading` and `tracemalloc` slot in the same way in later issues:
 * register functions, add an init here.
 */
import type { ObjSpace } from "../objects/space.js";

/** Adds a module's non-function attributes to its dict when the heap is booted. */
export type ModuleInit = (s: ObjSpace, dict: number, ctx: BootContext) => void;

export interface BootContext {
  readonly argv: readonly string[];
  /** Set an attribute from a JS value (str, number as float, bigint as int, list of str). */
  set(dict: number, name: string, value: string | number | bigint | boolean | readonly string[]): void;
}

export const MODULE_INITS = new Map<string, ModuleInit>();

/** Declare a module (even one with only functions) so `import name` finds it. */
export function defModule(name: string, init: ModuleInit = () => {}): void {
  MODULE_INITS.set(name, init);
}
