/**
 * Methods of `object` (typeobject.c): `__init__`, which `super().__init__()` reaches from
 * a class whose bases define none.
 */
import { TID } from "../../objects/layout.js";
import { defMethod } from "../natives.js";
import { none } from "./args.js";

/** object_init: nothing to do; arguments beyond the instance are an error (for a class
 *  whose own __init__ passed them on: one that overrides none is a call object() handles,
 *  "X() takes no arguments"). */
defMethod(TID.OBJECT, "__init__", (vm, _a, n, kw) => {
  if (n > 1 || kw !== 0) throw vm.error("TypeError", "object.__init__() takes exactly one argument (the instance to initialize)");
  return none(vm);
});
