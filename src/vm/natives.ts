/**
 * The native-function table. Every builtin function, method of a built-in type and
 * function of a simulated module is registered here when its module is loaded, in a fixed
 * order, so a native's index is the same in every worker thread: the heap stores the
 * index (BUILTIN.INDEX), each thread looks the JS function up in its own copy of the table.
 */
import type { NativeImpl } from "./api.js";

export interface NativeDef {
  readonly name: string;
  readonly impl: NativeImpl;
}

/** index -> native */
export const NATIVES: NativeDef[] = [];
/** The builtins module's functions: name -> index. */
export const BUILTIN_FUNCTIONS = new Map<string, number>();
/** Methods of built-in types: type id -> (name -> index). */
export const TYPE_METHODS = new Map<number, Map<string, number>>();
/** Functions of simulated modules: module name -> (name -> index). */
export const MODULE_FUNCTIONS = new Map<string, Map<string, number>>();

function register(name: string, impl: NativeImpl): number {
  NATIVES.push({ name, impl });
  return NATIVES.length - 1;
}

/** A function of the builtins module (print, len, ...). */
export function defBuiltin(name: string, impl: NativeImpl): void {
  BUILTIN_FUNCTIONS.set(name, register(name, impl));
}

/** A method of a built-in type; `self` is argument 0. */
export function defMethod(tid: number, name: string, impl: NativeImpl): void {
  let m = TYPE_METHODS.get(tid);
  if (m === undefined) TYPE_METHODS.set(tid, (m = new Map()));
  m.set(name, register(name, impl));
}

/** A function of a simulated module (sys.getrefcount, time.sleep, ...). */
export function defModuleFunction(module: string, name: string, impl: NativeImpl): void {
  let m = MODULE_FUNCTIONS.get(module);
  if (m === undefined) MODULE_FUNCTIONS.set(module, (m = new Map()));
  m.set(name, register(name, impl));
}

/** Methods of BaseException (a class made at boot, so it has no fixed type id). */
export const EXCEPTION_METHODS = new Map<string, number>();

export function defExceptionMethod(name: string, impl: NativeImpl): void {
  EXCEPTION_METHODS.set(name, register(name, impl));
}
