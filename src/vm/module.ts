/**
 * Module objects (Objects/moduleobject.c): a name and a dict, immortal here because a
 * module lives as long as the program (sys.modules holds it until finalization).
 */
import { OB } from "../heap/layout.js";
import { dictNew, dictSetItem, GC_HEAD, IMMORTAL_REFCNT, strIntern } from "../objects/index.js";
import type { ObjSpace } from "../objects/space.js";
import { MODULE, MODULE_BYTES, VTID } from "./layout.js";

function immortal(s: ObjSpace, p: number): number {
  s.i32[(p >> 2) + OB.REFCNT] = IMMORTAL_REFCNT;
  return p;
}

/** A new module `name` with an empty dict holding __name__. */
export function makeModule(s: ObjSpace, name: string): number {
  const p = s.newGcObject(VTID.MODULE, GC_HEAD + MODULE_BYTES);
  const w = p >> 2;
  s.i32.fill(0, w + 4, w + (MODULE_BYTES >> 2));
  const d = immortal(s, dictNew(s));
  s.i32[w + MODULE.DICT] = d;
  s.i32[w + MODULE.NAME] = strIntern(s, name);
  dictSetItem(s, d, strIntern(s, "__name__"), s.i32[w + MODULE.NAME]!);
  return immortal(s, p);
}

