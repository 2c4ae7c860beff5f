/**
 * free-threaded's lock-free read of module globals and builtins (objects/dict.ts:
 * dictGetGlobalRef, after 3.13t's _Py_dict_lookup_threadsafe): an interned name whose
 * value is immortal is read without the dict's critical section; anything the read cannot
 * be sure of goes to the locked lookup, and garbage (a table a resize is freeing) can
 * neither throw nor run long.
 */
import { describe, expect, it } from "vitest";
import { DICT, IMMORTAL_MIN } from "../../src/objects/layout.js";
import { dictGetGlobalRef, dictLookupUnlocked, dictNew, dictSetItem, intFromNumber, strFromJs, strHash, strIntern } from "../../src/objects/index.js";
import { runSource } from "../../src/vm/run.js";
import { twoThreads } from "./spaces.js";

function globalsWith(): { s: ReturnType<typeof twoThreads>[0]; other: ReturnType<typeof twoThreads>[1]; d: number; name: number; mortal: number; value: number } {
  const [s, other] = twoThreads();
  const d = dictNew(s);
  const name = strIntern(s, "len");
  const value = s.None; // immortal, as a function is once threads have started
  dictSetItem(s, d, name, value);
  const mortal = strIntern(s, "counter");
  const big = intFromNumber(s, 123456789);
  dictSetItem(s, d, mortal, big);
  s.decref(big);
  return { s, other, d, name, mortal, value };
}

describe("dictGetGlobalRef in free-threaded", () => {
  it("reads an immortal value by an interned name without the dict's lock", () => {
    const { s, d, name, value } = globalsWith();
    const locks = s.locks;
    expect(dictGetGlobalRef(s, d, name)).toBe(value);
    expect(s.locks).toBe(locks);
    expect(dictLookupUnlocked(s, d, name, strHash(s, name))).toBe(value);
  });

  it("says absent without the lock, and takes the lock for a mortal value (it needs an incref)", () => {
    const { s, d, mortal } = globalsWith();
    const absent = strIntern(s, "nowhere");
    expect(dictLookupUnlocked(s, d, absent, strHash(s, absent))).toBe(0);
    expect(dictLookupUnlocked(s, d, mortal, strHash(s, mortal))).toBe(-1);
    const locks = s.locks;
    const v = dictGetGlobalRef(s, d, mortal);
    expect(s.locks).toBe(locks + 1);
    expect(s.refcount(v)).toBe(2); // the dict's and ours
    expect(s.i32[v >> 2]!).toBeLessThan(IMMORTAL_MIN);
    s.decref(v);
  });

  it("gives up while another thread holds the dict's lock", () => {
    const { s, other, d, name } = globalsWith();
    other.lockObject(d);
    expect(dictLookupUnlocked(s, d, name, strHash(s, name))).toBe(-1);
    other.unlockObject(d);
    expect(dictLookupUnlocked(s, d, name, strHash(s, name))).toBe(s.None);
  });

  it("gives up on an equal name that is another str object (it compares only under the lock)", () => {
    const { s, d } = globalsWith();
    const copy = strFromJs(s, "len"); // not the interned object
    expect(dictLookupUnlocked(s, d, copy, strHash(s, copy))).toBe(-1);
    expect(dictGetGlobalRef(s, d, copy)).toBe(s.None);
    s.decref(copy);
  });

  it("neither throws nor runs long on a garbage table", () => {
    const { s, d, name } = globalsWith();
    const hash = strHash(s, name);
    const keysWord = (d >> 2) + DICT.KEYS;
    const real = s.i32[keysWord]!;
    let seed = 12345;
    const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
    for (let i = 0; i < 2000; i++) {
      // A random address anywhere (and past the end of) the heap, and random contents.
      s.i32[keysWord] = (rand() & 0x7ffffff0) % (s.i32.length * 4 + 4096);
      const r = dictLookupUnlocked(s, d, name, hash);
      expect(r === -1 || r === 0 || s.i32[r >> 2]! >= IMMORTAL_MIN).toBe(true);
    }
    s.i32[keysWord] = real;
  });
});

describe("LOAD_GLOBAL in free-threaded", () => {
  // (Threads reading globals while they are rebound: test/golden/threads/19_globals_rebound.py.)
  it("gives CPython's answers for globals and builtins, rebound, deleted and shadowed", () => {
    const program = `
x = 1
def f():
    return len([x, x])
def g():
    global x
    x = "two"
    return x
print(f(), g(), f())
del x
try:
    f()
except NameError as e:
    print(e)
x = 5
len = lambda v: 99
print(f())
`;
    const r = runSource(program, { filename: "globals.py", mode: "free-threaded" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("2 two 2\nname 'x' is not defined\n99\n");
    expect(r.heapProblems).toEqual([]);
  });
});
