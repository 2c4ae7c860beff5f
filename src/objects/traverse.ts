/**
 * tp_traverse for every layout kind: visit each reference an object OWNS (one its
 * dealloc would drop), in field order. Borrowed pointers are not visited (a weakref's
 * referent, a weakref's wrapper, the links of a weakref list).
 *
 * Users:
 *   - the cyclic GC (src/gc/collect.ts): subtract_refs and move_unreachable visit the
 *     children of every object in the generation being collected;
 *   - a refcount audit: visiting every live object (and every frame's slots) gives each
 *     object's true number of references, to compare with ob_refcnt.
 *
 * The visitor is an object with a method, so a walk allocates nothing: keep one visitor
 * per purpose and reuse it. `visit(target, from)` is called with target != 0; `from` is the
 * object being traversed. Non-container targets (str, int, code, ...) are visited too:
 * a GC visitor ignores what it does not track, an audit needs them all.
 *
 * The fields visited per kind are those clearObject (dealloc.ts) drops, read from the same
 * field lists (TYPE_REF_FIELDS, FUNC_DEALLOC_ORDER, refsFirstWord/refsEndWord), in the
 * order CPython's tp_traverse visits them where it has one (gc.get_referents shows it):
 * a dict's value, then its key, per entry, and not the keys of a str-only table (a str is
 * in no cycle), unless the caller asks for them (a refcount audit must count them).
 */
import { HeapCorruption } from "../errors.js";
import { refsEndWord, refsFirstWord } from "./dealloc.js";
import { dictTraverse } from "./dict.js";
import { FUNC_DEALLOC_ORDER } from "./func.js";
import {
  CELL, CODE, DICT_ITER, DICT_VIEW, INST_SLOTS0, KIND, LIST, METHOD, RANGE, SEQ_ITER, SET_ITER, TUPLE, TYPE,
} from "./layout.js";
import { listLen } from "./list.js";
import { setKeyAt, setNextIndex } from "./set.js";
import type { ObjSpace } from "./space.js";
import { tupleLen } from "./tuple.js";
import { TYPE_REF_FIELDS } from "./type.js";
import { WR } from "./weakref.js";

/** What a traversal calls for each owned reference. */
export interface Visitor {
  visit(target: number, from: number): void;
}

/** Visit word `w` of the heap if it holds a reference. */
function field(s: ObjSpace, w: number, v: Visitor, p: number): void {
  const t = s.i32[w]!;
  if (t !== 0) v.visit(t, p);
}

/** Visit every reference `p` owns; the str keys of a str-only dict only with `strKeys`
 *  (tp_traverse skips them, a refcount audit needs them). Throws HeapCorruption for a
 *  freed or unknown type. */
export function traverse(s: ObjSpace, p: number, v: Visitor, strKeys = false): void {
  const w = p >> 2;
  const tid = s.typeId(p);
  switch (s.kindOf(tid)) {
    case KIND.NONE:
    case KIND.OBJECT:
    case KIND.INT:
    case KIND.FLOAT:
    case KIND.STR:
    case KIND.RANGE_ITER:
      return;
    case KIND.TUPLE: // tupletraverse and list_traverse go from the last item down
      // The items' words read here, not through tupleGet and listGet: a program's first
      // collection (at its exit, for most) runs this before V8 has compiled it, where a
      // call per item costs more than the rest.
      for (let i = w + TUPLE.ITEMS + tupleLen(s, p) - 1; i >= w + TUPLE.ITEMS; i--) {
        const t = s.i32[i]!;
        if (t !== 0) v.visit(t, p);
      }
      return;
    case KIND.LIST: {
      const items = s.i32[w + LIST.ITEMS]! >> 2;
      for (let i = items + listLen(s, p) - 1; i >= items; i--) {
        const t = s.i32[i]!;
        if (t !== 0) v.visit(t, p);
      }
      return;
    }
    case KIND.DICT:
      dictTraverse(s, p, v, strKeys);
      return;
    case KIND.SET:
      for (let i = setNextIndex(s, p, 0); i >= 0; i = setNextIndex(s, p, i + 1)) v.visit(setKeyAt(s, p, i), p);
      return;
    case KIND.FUNCTION:
      for (let i = 0; i < FUNC_DEALLOC_ORDER.length; i++) field(s, w + FUNC_DEALLOC_ORDER[i]!, v, p);
      return;
    case KIND.CODE:
      field(s, w + CODE.NAME, v, p);
      field(s, w + CODE.QUALNAME, v, p);
      field(s, w + CODE.FILENAME, v, p);
      return;
    case KIND.CELL:
      return field(s, w + CELL.REF, v, p);
    case KIND.METHOD:
      field(s, w + METHOD.FUNC, v, p);
      return field(s, w + METHOD.SELF, v, p);
    case KIND.RANGE:
      field(s, w + RANGE.START, v, p);
      field(s, w + RANGE.STOP, v, p);
      field(s, w + RANGE.STEP, v, p);
      return field(s, w + RANGE.LENGTH, v, p);
    case KIND.SEQ_ITER:
      return field(s, w + SEQ_ITER.SEQ, v, p);
    case KIND.DICT_VIEW:
      return field(s, w + DICT_VIEW.DICT, v, p);
    case KIND.SET_ITER:
      return field(s, w + SET_ITER.SET, v, p);
    case KIND.DICT_ITER:
      field(s, w + DICT_ITER.DICT, v, p);
      return field(s, w + DICT_ITER.RESULT, v, p);
    case KIND.INSTANCE: {
      // subtype_traverse: the __slots__ values, the __dict__, then the class (heap-type
      // instances own a reference to it).
      const t = s.typeObject(tid);
      const tw = t >> 2;
      for (let i = 0, n = s.i32[tw + TYPE.NSLOTS]!; i < n; i++) field(s, w + INST_SLOTS0 + i, v, p);
      const off = s.i32[tw + TYPE.DICTOFFSET]!;
      if (off !== 0) field(s, w + off, v, p);
      v.visit(t, p);
      return;
    }
    case KIND.TYPE:
      for (let i = 0; i < TYPE_REF_FIELDS.length; i++) field(s, w + TYPE_REF_FIELDS[i]!, v, p);
      return;
    case KIND.REFS:
      for (let x = refsFirstWord(s, p), end = refsEndWord(s, p); x < end; x += 2) field(s, x, v, p);
      return;
    case KIND.WEAKREF:
      return field(s, w + WR.CALLBACK, v, p);
    default:
      throw new HeapCorruption(p, `traverse of an object of type id ${tid}`);
  }
}
