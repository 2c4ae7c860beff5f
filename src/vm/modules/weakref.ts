/**
 * `weakref`, as CPython splits it: a native `_weakref` (handles in the heap, objects/weakref.ts)
 * and `weakref` written in Python over it (Lib/weakref.py's subset: ref, getweakrefcount,
 * getweakrefs, WeakValueDictionary, finalize).
 *
 * A `weakref.ref` is an instance of the Python class ReferenceType that owns one handle; the
 * handle points back at it (borrowed), so a callback gets the ref object, as in CPython.
 * Limits (gilsim's, documented in README.md): `ref(o)` makes a new ref each time (CPython
 * reuses the one without callback); sets and bound methods cannot be weakly referenced;
 * finalize objects still alive at exit whose `atexit` is true are called then, newest
 * first (CPython's atexit hook, finalize._exitfunc: lifecycle.ts runs it).
 */
import { intFromNumber, listAppend, listNew } from "../../objects/index.js";
import { WR, weaklistWord, weakrefNew, weakrefObject } from "../../objects/weakref.js";
import type { NativeImpl } from "../api.js";
import type { Interp } from "../interp.js";
import { SOURCE_MODULES } from "../code.js";
import { VTID } from "../layout.js";
import { defModule } from "../modules.js";
import { defModuleFunction } from "../natives.js";

/** The weaklist word of `obj`, or CPython's TypeError. */
function weaklistOf(vm: Interp, obj: number): number {
  const lw = weaklistWord(vm.s, obj);
  if (lw < 0) throw vm.error("TypeError", `cannot create weak reference to '${vm.typeName(obj)}' object`);
  return lw;
}

function exactly(vm: Interp, n: number, want: number, name: string): void {
  if (n !== want) throw vm.error("TypeError", `${name}() takes exactly ${want === 1 ? "one argument" : `${want} arguments`} (${n} given)`);
}

/** _weakref._new(wrapper, obj, callback): a handle for the ref object `wrapper`. */
const newHandle: NativeImpl = (v, a, n) => {
  const vm = v as Interp;
  exactly(vm, n, 3, "_new");
  const [wrapper, obj, cb] = [vm.i32[a]!, vm.i32[a + 1]!, vm.i32[a + 2]!];
  weaklistOf(vm, obj);
  return weakrefNew(vm.s, VTID.WEAKREF, obj, cb === vm.None ? 0 : cb, wrapper);
};

/** _weakref._get(handle): the referent (a new reference) or None. */
const get: NativeImpl = (v, a, n) => {
  const vm = v as Interp;
  exactly(vm, n, 1, "_get");
  const h = vm.i32[a]!;
  const obj = vm.s.typeId(h) === VTID.WEAKREF ? weakrefObject(vm.s, h) : 0;
  const r = obj === 0 ? vm.None : obj;
  vm.s.incref(r);
  return r;
};

/** The ref objects of `obj`'s handles, newest first. */
function refsOf(vm: Interp, obj: number): number[] {
  const lw = weaklistWord(vm.s, obj);
  const out: number[] = [];
  if (lw < 0) return out;
  for (let wr = vm.i32[lw]!; wr !== 0; wr = vm.i32[(wr >> 2) + WR.NEXT]!) out.push(vm.i32[(wr >> 2) + WR.WRAPPER]!);
  return out;
}

const getweakrefcount: NativeImpl = (v, a, n) => {
  const vm = v as Interp;
  exactly(vm, n, 1, "getweakrefcount");
  return intFromNumber(vm.s, refsOf(vm, vm.i32[a]!).length);
};

const getweakrefs: NativeImpl = (v, a, n) => {
  const vm = v as Interp;
  exactly(vm, n, 1, "getweakrefs");
  const list = listNew(vm.s, 0);
  for (const r of refsOf(vm, vm.i32[a]!)) listAppend(vm.s, list, r);
  return list;
};

defModule("_weakref");
defModuleFunction("_weakref", "_new", newHandle);
defModuleFunction("_weakref", "_get", get);
defModuleFunction("_weakref", "getweakrefcount", getweakrefcount);
defModuleFunction("_weakref", "getweakrefs", getweakrefs);

const WEAKREF_PY = `
import _weakref

getweakrefcount = _weakref.getweakrefcount
getweakrefs = _weakref.getweakrefs


class ReferenceType:
    def __init__(self, ob, callback=None):
        self._hash = None
        self._handle = _weakref._new(self, ob, callback)

    def __call__(self):
        return _weakref._get(self._handle)

    def __hash__(self):
        if self._hash is None:
            ob = self()
            if ob is None:
                raise TypeError("weak object has gone away")
            self._hash = hash(ob)
        return self._hash

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = self()
        b = other()
        if a is None or b is None:
            return self is other
        return a == b

    def __ne__(self, other):
        r = self.__eq__(other)
        if r is NotImplemented:
            return r
        return not r

    def __repr__(self):
        ob = self()
        if ob is None:
            return "<weakref at %s; dead>" % hex(id(self))
        return "<weakref at %s; to '%s' at %s>" % (hex(id(self)), type(ob).__name__, hex(id(ob)))


ref = ReferenceType


class KeyedRef(ReferenceType):
    def __init__(self, ob, callback, key):
        ReferenceType.__init__(self, ob, callback)
        self.key = key


class WeakValueDictionary:
    def __init__(self, other=None):
        def remove(wr, selfref=ref(self)):
            self = selfref()
            if self is not None:
                if self.data.get(wr.key) is wr:
                    del self.data[wr.key]
        self._remove = remove
        self.data = {}
        if other is not None:
            self.update(other)

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = KeyedRef(value, self._remove, key)

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        return iter(self.keys())

    def __repr__(self):
        return "<WeakValueDictionary at %s>" % hex(id(self))

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        if o is None:
            return default
        return o

    def pop(self, key, *args):
        o = self.data.pop(key, None)
        o = None if o is None else o()
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def keys(self):
        return [k for k, wr in list(self.data.items()) if wr() is not None]

    def values(self):
        out = []
        for wr in list(self.data.values()):
            o = wr()
            if o is not None:
                out.append(o)
        return out

    def items(self):
        out = []
        for k, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                out.append((k, o))
        return out

    def update(self, other):
        for k, v in other.items():
            self[k] = v


class finalize:
    _registry = {}
    _index = 0
    _shutdown = False
    atexit = True

    def __init__(self, obj, func, *args, **kwargs):
        self._func = func
        self._args = args
        self._kwargs = kwargs
        self._order = finalize._index
        finalize._index += 1
        finalize._registry[self] = ref(obj, self)

    def __call__(self, _=None):
        if finalize._registry.pop(self, None) is not None and not finalize._shutdown:
            return self._func(*self._args, **self._kwargs)

    @classmethod
    def _select_for_exit(cls):
        pending = [f for f in cls._registry if f.atexit]
        pending.sort(key=lambda f: f._order)
        return pending

    def detach(self):
        wr = finalize._registry.pop(self, None)
        obj = None if wr is None else wr()
        if obj is None:
            return None
        return (obj, self._func, self._args, self._kwargs)

    def peek(self):
        wr = finalize._registry.get(self)
        obj = None if wr is None else wr()
        if obj is None:
            return None
        return (obj, self._func, self._args, self._kwargs)

    @property
    def alive(self):
        return self in finalize._registry
`;

SOURCE_MODULES.set("weakref", WEAKREF_PY);
