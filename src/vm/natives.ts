/**
 * The native-function table. Every builtin function, method of a built-in type and
 * function of a simulated module registers here under a unique key when its module is
 * loaded; `freezeNatives()` then numbers them in key order, so a native's index is the
 * same in every worker thread whatever order the modules happened to load in. The heap
 * stores the index (BUILTIN.INDEX); each thread looks the JS function up in its own table.
 */
import type { NativeImpl } from "./api.js";

export interface NativeDef {
  readonly name: string;
  readonly impl: NativeImpl;
}

/** index -> native (filled by freezeNatives). */
export const NATIVES: NativeDef[] = [];
/** The builtins module's functions: name -> index. */
export const BUILTIN_FUNCTIONS = new Map<string, number>();
/** Methods of built-in types: type id -> (name -> index). */
export const TYPE_METHODS = new Map<number, Map<string, number>>();
/** Functions of simulated modules: module name -> (name -> index). */
export const MODULE_FUNCTIONS = new Map<string, Map<string, number>>();
/** Methods of BaseException (a class made at boot, so it has no fixed type id). */
export const EXCEPTION_METHODS = new Map<string, number>();

type Owner =
  | { readonly kind: "builtin" }
  | { readonly kind: "method"; readonly tid: number }
  | { readonly kind: "module"; readonly module: string }
  | { readonly kind: "exception" };

const pending = new Map<string, { owner: Owner; name: string; impl: NativeImpl }>();
let frozen = false;

function register(key: string, owner: Owner, name: string, impl: NativeImpl): void {
  if (frozen) throw new Error(`native ${key} registered after the table was frozen`);
  pending.set(key, { owner, name, impl });
}

/** A function of the builtins module (print, len, ...). */
export function defBuiltin(name: string, impl: NativeImpl): void {
  register(`builtin ${name}`, { kind: "builtin" }, name, impl);
}

/** A method of a built-in type; `self` is argument 0. */
export function defMethod(tid: number, name: string, impl: NativeImpl): void {
  register(`method ${String(tid).padStart(4, "0")} ${name}`, { kind: "method", tid }, name, impl);
}

/** A function of a simulated module (sys.getrefcount, time.sleep, ...). */
export function defModuleFunction(module: string, name: string, impl: NativeImpl): void {
  register(`module ${module} ${name}`, { kind: "module", module }, name, impl);
}

export function defExceptionMethod(name: string, impl: NativeImpl): void {
  register(`exception ${name}`, { kind: "exception" }, name, impl);
}

/** Number every registered native, in key order. Idempotent. */
export function freezeNatives(): void {
  if (frozen) return;
  frozen = true;
  for (const key of [...pending.keys()].sort()) {
    const { owner, name, impl } = pending.get(key)!;
    const index = NATIVES.push({ name, impl }) - 1;
    switch (owner.kind) {
      case "builtin":
        BUILTIN_FUNCTIONS.set(name, index);
        break;
      case "method": {
        let m = TYPE_METHODS.get(owner.tid);
        if (m === undefined) TYPE_METHODS.set(owner.tid, (m = new Map()));
        m.set(name, index);
        break;
      }
      case "module": {
        let m = MODULE_FUNCTIONS.get(owner.module);
        if (m === undefined) MODULE_FUNCTIONS.set(owner.module, (m = new Map()));
        m.set(name, index);
        break;
      }
      case "exception":
        EXCEPTION_METHODS.set(name, index);
        break;
    }
  }
}
