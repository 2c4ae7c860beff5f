/**
 * sys.getsizeof as 64-bit CPython 3.11 computes it: the type's __sizeof__ plus
 * _PyType_PreHeaderSize (the GC head, and for 3.11 managed-dict classes the dict/values
 * pre-header). Every figure here was checked against python3.11 (test/objects/sizeof.test.ts).
 */
import { dictSizeof } from "./dict.js";
import { codeBytes } from "./func.js";
import { intBytes } from "./int.js";
import { CODE, GC_HEAD, INT, KIND, LIST, SIZE, STR, TPFLAGS, TYPE } from "./layout.js";
import { setSizeof } from "./set.js";
import type { ObjSpace } from "./space.js";
import { strIsAscii, strKind } from "./str.js";
import { tupleBytes } from "./tuple.js";
import { typeSizeof } from "./type.js";

/** sys.getsizeof(p). */
export function sizeof(s: ObjSpace, p: number): number {
  const i32 = s.i32;
  const w = p >> 2;
  const tid = s.typeId(p);
  switch (s.kindOf(tid)) {
    case KIND.NONE:
    case KIND.OBJECT:
      return SIZE.OBJECT;
    case KIND.INT: {
      const size = i32[w + INT.SIZE]!;
      return intBytes(size < 0 ? -size : size);
    }
    case KIND.FLOAT:
      return SIZE.FLOAT;
    case KIND.STR: {
      const n = i32[w + STR.LENGTH]!;
      return strIsAscii(s, p) ? SIZE.ASCII + n + 1 : SIZE.COMPACT + (n + 1) * strKind(s, p);
    }
    case KIND.TUPLE:
      return tupleBytes(i32[w + 4]!);
    case KIND.LIST:
      return GC_HEAD + SIZE.LIST + 8 * i32[w + LIST.ALLOCATED]!;
    case KIND.DICT:
      return dictSizeof(s, p);
    case KIND.SET:
      return setSizeof(s, p);
    case KIND.TYPE:
      return typeSizeof(s, p);
    case KIND.FUNCTION:
      return GC_HEAD + SIZE.FUNCTION;
    case KIND.CODE:
      return codeBytes(i32[w + CODE.NCODEUNITS]!);
    case KIND.CELL:
      return GC_HEAD + SIZE.CELL;
    case KIND.METHOD:
      return GC_HEAD + SIZE.METHOD;
    case KIND.RANGE:
      return SIZE.RANGE;
    case KIND.RANGE_ITER:
      return SIZE.RANGE_ITER;
    case KIND.SEQ_ITER:
      return GC_HEAD + SIZE.SEQ_ITER;
    case KIND.DICT_ITER:
      return GC_HEAD + SIZE.DICT_ITER;
    case KIND.DICT_VIEW:
      return GC_HEAD + SIZE.DICT_VIEW;
    case KIND.SET_ITER:
      return GC_HEAD + SIZE.SET_ITER;
    case KIND.INSTANCE:
      return i32[(s.typeObject(tid) >> 2) + TYPE.INST_BYTES]!;
    case KIND.REFS:
    case KIND.WEAKREF: {
      // the interpreter's own types: tp_basicsize, plus the GC head if they have one
      const t = s.typeObject(tid) >> 2;
      return i32[t + TYPE.BASICSIZE]! + ((i32[t + TYPE.FLAGS]! & TPFLAGS.HAVE_GC) !== 0 ? GC_HEAD : 0);
    }
    default:
      throw new RangeError(`sizeof: unknown kind for type id ${tid}`);
  }
}
