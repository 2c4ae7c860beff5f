/**
 * Methods of `object` (typeobject.c): `__init__`, which `super().__init__()` reaches from
 * a class whose bases define none, and `__setattr__` / `__delattr__`, which a class's own
 * calls to store or delete for real.
 */
import { TID } from "../../objects/layout.js";
import type { VM } from "../api.js";
import { defMethod } from "../natives.js";
import { none, positional } from "./args.js";

/** object_init: nothing to do; arguments beyond the instance are an error (for a class
 *  whose own __init__ passed them on: one that overrides none is a call object() handles,
 *  "X() takes no arguments"). */
defMethod(TID.OBJECT, "__init__", (vm, _a, n, kw) => {
  if (n > 1 || kw !== 0) throw vm.error("TypeError", "object.__init__() takes exactly one argument (the instance to initialize)");
  return none(vm);
});

/** The attribute name argument: a str (PyObject_GenericSetAttr's check). */
function attrName(vm: VM, name: number): number {
  if (vm.s.typeId(name) !== TID.STR) throw vm.error("TypeError", `attribute name must be string, not '${vm.typeName(name)}'`);
  return name;
}

defMethod(TID.OBJECT, "__setattr__", (vm, a, n, kw) => {
  positional(vm, "__setattr__", n - 1, kw, 2, 2);
  vm.genericSetAttr(vm.i32[a]!, attrName(vm, vm.i32[a + 1]!), vm.i32[a + 2]!);
  return none(vm);
});

defMethod(TID.OBJECT, "__delattr__", (vm, a, n, kw) => {
  positional(vm, "__delattr__", n - 1, kw, 1, 1);
  vm.genericSetAttr(vm.i32[a]!, attrName(vm, vm.i32[a + 1]!), 0);
  return none(vm);
});
