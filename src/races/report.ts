/**
 * Reading the findings after a run (main thread): the `races` part of the run summary,
 * the --stats table's rows and the short report printed on stderr.
 */
import { opName } from "../compiler/opcodes.js";
import type { Heap } from "../heap/heap.js";
import { HDR } from "../heap/layout.js";
import { MAX_TYPES, OBJ, TID, TYPE_TABLE } from "../objects/layout.js";
import type { ObjSpace } from "../objects/space.js";
import { typeNameOf } from "../objects/type.js";
import { ENTRY_WORDS, FE, RACE_KINDS, RB, RB_COUNTS, RB_ENTRIES, type RaceKindName } from "./layout.js";

export interface RaceFinding {
  kind: RaceKindName;
  /** The simulated thread that noticed it (-1: the run's end, on the main JS thread). */
  thread: number;
  opcode: string | null;
  file: string | null;
  line: number | null;
  /** type(obj).__name__, "freed" for a poisoned header, null if not an object. */
  type: string | null;
  address: string;
  /** Kind-specific: refcountDrift {stored, true}; others as recorded. */
  detail: Record<string, number>;
}

export interface RaceReport {
  total: number;
  byKind: Record<RaceKindName, number>;
  /** Findings beyond the table's capacity were counted but not kept. */
  kept: number;
  /** The thread whose fault ended the run (a simulated segmentation fault), or null. */
  crashedThread: number | null;
  examples: RaceFinding[];
}

const EXAMPLES_PER_KIND = 3;
const MAX_EXAMPLES = 20;

export function emptyRaceReport(): RaceReport {
  return { total: 0, byKind: Object.fromEntries(RACE_KINDS.map((k) => [k, 0])) as Record<RaceKindName, number>, kept: 0, crashedThread: null, examples: [] };
}

function typeLabel(s: ObjSpace, tid: number): string | null {
  if (tid === TID.FREED) return "freed";
  if (tid <= TID.FREED || tid >= MAX_TYPES || tid >= s.i32[OBJ.NEXT_TYPE_ID]!) return null;
  const t = s.i32[TYPE_TABLE + tid]!;
  if (t === 0 || s.i32[(t >> 2) + 1] === TID.FREED) return null;
  try {
    return typeNameOf(s, t);
  } catch {
    return null;
  }
}

/** The findings of the run in `heap` (an empty report if it ran without the detector).
 *  `codeFile(i)` names code table entry i's file. */
export function readRaces(heap: Heap, s: ObjSpace, codeFile: (index: number) => string | null): RaceReport {
  const r = emptyRaceReport();
  const block = heap.i32[HDR.RACES]!;
  if (block === 0) return r;
  const i32 = heap.i32;
  const w = block >> 2;
  RACE_KINDS.forEach((k, n) => {
    const c = Atomics.load(i32, w + RB_COUNTS + n);
    r.byKind[k] = c;
    r.total += c;
  });
  const crashed = Atomics.load(i32, w + RB.CRASHED);
  r.crashedThread = crashed === 0 ? null : crashed - 2;
  const kept = Math.min(Atomics.load(i32, w + RB.CLAIMED), i32[w + RB.CAPACITY]!);
  const perKind = new Map<RaceKindName, number>();
  for (let n = 0; n < kept; n++) {
    const e = w + RB_ENTRIES + n * ENTRY_WORDS;
    const k = Atomics.load(i32, e + FE.KIND) - 1;
    const kind = RACE_KINDS[k];
    if (kind === undefined) continue; // claimed by a thread that was stopped mid-write
    r.kept++;
    const seen = perKind.get(kind) ?? 0;
    if (seen >= EXAMPLES_PER_KIND || r.examples.length >= MAX_EXAMPLES) continue;
    perKind.set(kind, seen + 1);
    const op = i32[e + FE.OPCODE]!, line = i32[e + FE.LINE]!, code = i32[e + FE.CODE]!;
    const a = i32[e + FE.A]!, b = i32[e + FE.B]!;
    r.examples.push({
      kind,
      thread: i32[e + FE.TID]!,
      opcode: op >= 0 ? opName(op) : null,
      file: code >= 0 ? codeFile(code) : null,
      line: line > 0 ? line : null,
      type: typeLabel(s, i32[e + FE.TYPE]!),
      address: `0x${(i32[e + FE.ADDR]! >>> 0).toString(16)}`,
      detail: kind === "refcountDrift" ? { stored: a, true: b } : a !== 0 || b !== 0 ? { a, b } : {},
    });
  }
  return r;
}

/** One line per finding kind seen, and the examples: the stderr report and --stats. */
export function raceReportText(r: RaceReport): string {
  let out = `gilsim: race report: ${r.total} finding${r.total === 1 ? "" : "s"}\n`;
  if (r.crashedThread !== null) {
    out += `  thread ${r.crashedThread} stopped on a simulated segmentation fault, which ended the run (as SIGSEGV ends a process)\n`;
  }
  for (const k of RACE_KINDS) if (r.byKind[k] !== 0) out += `  ${k.padEnd(20)} ${r.byKind[k].toLocaleString("en-US")}\n`;
  for (const f of r.examples.slice(0, 8)) {
    const where = f.line !== null ? ` at ${f.file ?? "?"}:${f.line}` : "";
    const op = f.opcode !== null ? ` in ${f.opcode}` : "";
    const thread = f.thread >= 0 ? `thread ${f.thread}` : "end of run";
    const detail = f.kind === "refcountDrift" ? ` (refcount ${f.detail.stored}, ${f.detail.true} references)` : "";
    const what = f.kind === "hang" ? "" : `${f.type ?? "block"} at ${f.address}${detail}, `;
    out += `  e.g. ${f.kind}: ${what}${thread}${op}${where}\n`;
  }
  return out;
}
