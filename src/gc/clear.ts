/**
 * tp_clear per layout kind: what the collector does to a garbage object to break its
 * cycles (gcmodule.c: delete_garbage). Each drops the references through which cycles
 * go, leaving the object consistent (an empty list, an empty dict, NULL slots), so that
 * refcounting then frees everything. As in CPython, some types have no tp_clear (tuple,
 * bound method, iterators, dict views): a cycle through them also goes through an object
 * that has one.
 *
 *   list       list_clear: size 0, items dropped          dict    PyDict_Clear
 *   set        set_clear_internal                         cell    Py_CLEAR(ob_ref)
 *   function   func_clear: every field but code, name and qualname
 *   instance   subtype_clear: the __slots__ values and the __dict__ (not the class)
 *   class      type_clear: its dict emptied, tp_mro dropped
 *   weakref    gc_clear: detached, callback dropped       interpreter types: every slot
 */
import { dictClear } from "../objects/dict.js";
import { typeModified } from "../objects/type.js";
import { refsEndWord, refsFirstWord } from "../objects/dealloc.js";
import { FUNC_DEALLOC_ORDER } from "../objects/func.js";
import { CELL, FUNC, INST_SLOTS0, KIND, TYPE } from "../objects/layout.js";
import { listClear } from "../objects/list.js";
import { setDiscard, setKeyAt, setLen, setNextIndex } from "../objects/set.js";
import type { ObjSpace } from "../objects/space.js";
import { WR, weakrefDetach } from "../objects/weakref.js";

/** Set word `w` to NULL, then drop what it held (Py_CLEAR: the field is NULL before any
 *  code the decref runs can look at it). */
function clearWord(s: ObjSpace, w: number): void {
  const v = s.i32[w]!;
  if (v === 0) return;
  s.i32[w] = 0;
  s.decref(v);
}

/** func_clear keeps the code, name and qualname (code is never NULL). */
const FUNC_CLEARED = FUNC_DEALLOC_ORDER.filter((f) => f !== FUNC.CODE && f !== FUNC.NAME && f !== FUNC.QUALNAME);

/** tp_clear of `p` (the caller holds a reference to it). */
export function gcClear(s: ObjSpace, p: number): void {
  const w = p >> 2;
  const tid = s.typeId(p);
  switch (s.kindOf(tid)) {
    case KIND.LIST:
      return listClear(s, p);
    case KIND.DICT:
      return dictClear(s, p);
    case KIND.SET:
      while (setLen(s, p) > 0) setDiscard(s, p, setKeyAt(s, p, setNextIndex(s, p, 0)));
      return;
    case KIND.CELL:
      return clearWord(s, w + CELL.REF);
    case KIND.FUNCTION:
      for (const f of FUNC_CLEARED) clearWord(s, w + f);
      return;
    case KIND.INSTANCE: {
      const tw = s.typeObject(tid) >> 2;
      for (let i = 0, n = s.i32[tw + TYPE.NSLOTS]!; i < n; i++) clearWord(s, w + INST_SLOTS0 + i);
      const off = s.i32[tw + TYPE.DICTOFFSET]!;
      if (off !== 0) clearWord(s, w + off);
      return;
    }
    case KIND.TYPE:
      // type_clear: PyType_Modified, then the dict.
      typeModified(s);
      if (s.i32[w + TYPE.DICT] !== 0) dictClear(s, s.i32[w + TYPE.DICT]!);
      return clearWord(s, w + TYPE.MRO);
    case KIND.WEAKREF:
      weakrefDetach(s, p);
      return clearWord(s, w + WR.CALLBACK);
    case KIND.REFS:
      for (let x = refsFirstWord(s, p), end = refsEndWord(s, p); x < end; x += 2) clearWord(s, x);
      return;
    default:
      return; // no tp_clear
  }
}
