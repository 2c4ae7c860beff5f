/**
 * Methods of `object` (typeobject.c): `__init__`, which `super().__init__()` reaches from
 * a class whose bases define none; `__new__` (a static method, boot.ts), which a class's
 * own `__new__` calls to make the instance; and `__setattr__` / `__delattr__`, which a
 * class's own calls to store or delete for real.
 */
import { KIND, TID, TYPE } from "../../objects/layout.js";
import { strIntern } from "../../objects/str.js";
import { instanceNew, typeLookup, typeNameOf } from "../../objects/type.js";
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

/** object_new, as object.__new__(cls, ...): a new instance of class `cls`. Arguments past
 *  the class are an error (excess_args) for a class that overrides __new__ ("object.__new__()
 *  takes exactly one argument") or neither __new__ nor __init__ ("X() takes no arguments"). */
defMethod(TID.OBJECT, "__new__", (vm, a, n, kw) => {
  const s = vm.s;
  if (n < 1) throw vm.error("TypeError", "object.__new__(): not enough arguments");
  const cls = vm.i32[a]!;
  if (s.kindOf(s.typeId(cls)) !== KIND.TYPE) throw vm.error("TypeError", `object.__new__(X): X is not a type object (${vm.typeName(cls)})`);
  const name = typeNameOf(s, cls);
  if (s.i32[(cls >> 2) + TYPE.KIND] !== KIND.INSTANCE) throw vm.error("TypeError", `object.__new__(${name}) is not safe, use ${name}.__new__()`);
  if (n > 1 || kw !== 0) {
    const object = s.typeObject(TID.OBJECT);
    const overrides = (attr: string): boolean => typeLookup(s, cls, strIntern(s, attr)) !== typeLookup(s, object, strIntern(s, attr));
    if (overrides("__new__")) throw vm.error("TypeError", "object.__new__() takes exactly one argument (the type to instantiate)");
    if (!overrides("__init__")) throw vm.error("TypeError", `${name}() takes no arguments`);
  }
  return instanceNew(s, cls);
});
