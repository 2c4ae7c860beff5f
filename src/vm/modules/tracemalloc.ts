/**
 * `tracemalloc`, as CPython has it: a native `_tracemalloc` (Modules/_tracemalloc.c: start,
 * stop, is_tracing, clear_traces, get_traced_memory, reset_peak, get_tracemalloc_memory,
 * get_traceback_limit, _get_traces, _get_object_traceback) under `tracemalloc`, a trimmed
 * port of Lib/tracemalloc.py run as Python source (Snapshot, Statistic, StatisticDiff,
 * Traceback, Frame, Trace, Filter, with CPython's __str__ and __repr__ and _format_size).
 *
 * The port differs from Lib/tracemalloc.py where gilsim's subset needs it, never in what
 * it prints: no collections.abc / functools bases (Sequence and total_ordering's methods
 * are written out), no generator expressions, and the grouping dicts are keyed by frame
 * tuples (gilsim's dicts compare instances by identity, so a Traceback cannot be a key
 * that another equal Traceback finds). No dump/load (pickle); Traceback.format shows
 * source lines of the program's own file only (no linecache); Filter's patterns support
 * `*` and `?` (fnmatch's `[...]` is not there).
 */
import { HeapExhausted } from "../../errors.js";
import { CODE, GC_HEAD, TPFLAGS, TYPE, intFromNumber, listAppend, listNew, strFromJs, tupleFromArray } from "../../objects/index.js";
import type { NativeImpl } from "../api.js";
import { SOURCE_MODULES } from "../code.js";
import { positionalCount } from "../core.js";
import type { Interp } from "../interp.js";
import { defModule } from "../modules.js";
import { defModuleFunction } from "../natives.js";
import { announceTracing, UNKNOWN_CODE } from "./tracemalloc-alloc.js";
import { MAX_NFRAME, TraceTable } from "./tracemalloc-table.js";

function noArgs(vm: Interp, n: number, kw: number, name: string): void {
  if (kw !== 0 && positionalCount(vm, n, kw) !== n) throw vm.error("TypeError", `_tracemalloc.${name}() takes no keyword arguments`);
  if (n !== 0) throw vm.error("TypeError", `_tracemalloc.${name}() takes no arguments (${n} given)`);
}

function tracingTable(vm: Interp): TraceTable | null {
  const t = TraceTable.find(vm.s.heap);
  return t !== null && t.tracing ? t : null;
}

const start: NativeImpl = (vm0, a, n, kw) => {
  const vm = vm0 as Interp;
  if (kw !== 0 && positionalCount(vm, n, kw) !== n) throw vm.error("TypeError", "_tracemalloc.start() takes no keyword arguments");
  if (n > 1) throw vm.error("TypeError", `start expected at most 1 argument, got ${n}`);
  let nframe = 1;
  if (n === 1) {
    nframe = vm.indexValue(vm.i32[a]!, "");
    if (nframe < -2147483648 || nframe > 2147483647) throw vm.error("OverflowError", "Python int too large to convert to C int");
  }
  if (nframe < 1 || nframe > MAX_NFRAME) throw vm.error("ValueError", `the number of frames must be in range [1; ${MAX_NFRAME}]`);
  let table: TraceTable;
  try {
    table = TraceTable.open(vm.s.heap);
    table.locked(() => table.start(nframe));
  } catch (e) {
    if (e instanceof HeapExhausted) throw vm.error("MemoryError", "");
    throw e;
  }
  announceTracing(vm);
  return vm.None;
};

const stop: NativeImpl = (vm0, _a, n, kw) => {
  const vm = vm0 as Interp;
  noArgs(vm, n, kw, "stop");
  const table = TraceTable.find(vm.s.heap);
  if (table !== null && table.tracing) {
    table.locked(() => table.stop());
    announceTracing(vm);
  }
  return vm.None;
};

const isTracing: NativeImpl = (vm0, _a, n, kw) => {
  const vm = vm0 as Interp;
  noArgs(vm, n, kw, "is_tracing");
  return tracingTable(vm) !== null ? vm.True : vm.False;
};

const clearTraces: NativeImpl = (vm0, _a, n, kw) => {
  const vm = vm0 as Interp;
  noArgs(vm, n, kw, "clear_traces");
  const t = tracingTable(vm);
  t?.locked(() => t.clear());
  return vm.None;
};

const getTracedMemory: NativeImpl = (vm0, _a, n, kw) => {
  const vm = vm0 as Interp;
  noArgs(vm, n, kw, "get_traced_memory");
  const t = tracingTable(vm);
  // Read both before making the ints: making them allocates (and is traced).
  const traced = t === null ? 0 : t.traced;
  const peak = t === null ? 0 : t.peak;
  return pack(vm, [intFromNumber(vm.s, traced), intFromNumber(vm.s, peak)]);
};

const resetPeak: NativeImpl = (vm0, _a, n, kw) => {
  const vm = vm0 as Interp;
  noArgs(vm, n, kw, "reset_peak");
  const t = tracingTable(vm);
  t?.locked(() => t.resetPeak());
  return vm.None;
};

const getTracemallocMemory: NativeImpl = (vm0, _a, n, kw) => {
  const vm = vm0 as Interp;
  noArgs(vm, n, kw, "get_tracemalloc_memory");
  const t = TraceTable.find(vm.s.heap);
  return intFromNumber(vm.s, t === null ? 0 : t.memory());
};

const getTracebackLimit: NativeImpl = (vm0, _a, n, kw) => {
  const vm = vm0 as Interp;
  noArgs(vm, n, kw, "get_traceback_limit");
  const t = TraceTable.find(vm.s.heap);
  return intFromNumber(vm.s, t === null ? 1 : t.nframe);
};

/** A tuple of new references, which it takes over. */
function pack(vm: Interp, items: number[]): number {
  const t = tupleFromArray(vm.s, items);
  for (const it of items) vm.s.decref(it);
  return t;
}

/** traceback_to_pyobject: ((filename, lineno), ...), most recent frame first. `cache`
 *  maps traceback ids to the tuple made for them (one tuple per traceback, as CPython's
 *  get_traces does). New reference. */
function tracebackTuple(vm: Interp, table: TraceTable, id: number, cache: Map<number, number>): number {
  const hit = cache.get(id);
  if (hit !== undefined) {
    vm.s.incref(hit);
    return hit;
  }
  const s = vm.s;
  const frames = table.locked(() => table.tracebackFrames(id)).frames.map(([ci, line]) => {
    let filename: number;
    if (ci === UNKNOWN_CODE) filename = strFromJs(s, "<unknown>");
    else {
      filename = s.i32[(vm.codes[ci]!.codeObj >> 2) + CODE.FILENAME]!;
      s.incref(filename);
    }
    return pack(vm, [filename, intFromNumber(s, line)]);
  });
  const t = pack(vm, frames);
  cache.set(id, t);
  s.incref(t);
  return t;
}

/** _tracemalloc._get_traces(): [(domain, size, traceback, total_nframe), ...]. The traces
 *  are copied first (tracemalloc_copy_traces): the objects made here are traced too. */
const getTraces: NativeImpl = (vm0, _a, n, kw) => {
  const vm = vm0 as Interp;
  noArgs(vm, n, kw, "_get_traces");
  const s = vm.s;
  const table = tracingTable(vm);
  const list = listNew(s, 0);
  if (table === null) return list;
  const records = table.locked(() => table.copyTraces().map((r) => ({ ...r, total: table.tracebackFrames(r.tb).total })));
  const cache = new Map<number, number>();
  try {
    for (const r of records) {
      const tb = tracebackTuple(vm, table, r.tb, cache);
      const trace = pack(vm, [s.smallInt(0), intFromNumber(s, r.size), tb, intFromNumber(s, r.total)]);
      listAppend(s, list, trace);
      s.decref(trace);
    }
  } catch (e) {
    s.decref(list);
    throw e;
  } finally {
    for (const t of cache.values()) s.decref(t);
  }
  return list;
};

/** _tracemalloc._get_object_traceback(obj): the frames of the trace of obj's memory block
 *  (which starts at its GC head, if it has one), or None. */
const getObjectTraceback: NativeImpl = (vm0, a, n) => {
  const vm = vm0 as Interp;
  if (n !== 1) throw vm.error("TypeError", `_tracemalloc._get_object_traceback() takes exactly one argument (${n} given)`);
  const table = tracingTable(vm);
  if (table === null) return vm.None;
  const s = vm.s;
  const obj = vm.i32[a]!;
  const type = s.typeObject(s.typeId(obj));
  const gc = (s.i32[(type >> 2) + TYPE.FLAGS]! & TPFLAGS.HAVE_GC) !== 0;
  const id = table.locked(() => table.tracebackOf(gc ? obj - GC_HEAD : obj));
  if (id < 0) return vm.None;
  const cache = new Map<number, number>();
  const t = tracebackTuple(vm, table, id, cache);
  s.decref(t); // the cache's reference
  return t;
};

/** linecache.getline for Traceback.format: the line of the program's own source ('' for
 *  another file, such as tracemalloc.py itself). Not in CPython's _tracemalloc. */
const getline: NativeImpl = (vm0, a, n) => {
  const vm = vm0 as Interp;
  if (n !== 2) throw vm.error("TypeError", `_getline() takes exactly 2 arguments (${n} given)`);
  const line = vm.sourceLine(vm.str(vm.i32[a]!), vm.indexValue(vm.i32[a + 1]!, ""));
  return strFromJs(vm.s, line ?? "");
};

defModule("_tracemalloc");
defModuleFunction("_tracemalloc", "_getline", getline);
defModuleFunction("_tracemalloc", "start", start);
defModuleFunction("_tracemalloc", "stop", stop);
defModuleFunction("_tracemalloc", "is_tracing", isTracing);
defModuleFunction("_tracemalloc", "clear_traces", clearTraces);
defModuleFunction("_tracemalloc", "get_traced_memory", getTracedMemory);
defModuleFunction("_tracemalloc", "reset_peak", resetPeak);
defModuleFunction("_tracemalloc", "get_tracemalloc_memory", getTracemallocMemory);
defModuleFunction("_tracemalloc", "get_traceback_limit", getTracebackLimit);
defModuleFunction("_tracemalloc", "_get_traces", getTraces);
defModuleFunction("_tracemalloc", "_get_object_traceback", getObjectTraceback);

SOURCE_MODULES.set("tracemalloc", `
import _tracemalloc

start = _tracemalloc.start
stop = _tracemalloc.stop
is_tracing = _tracemalloc.is_tracing
clear_traces = _tracemalloc.clear_traces
get_traced_memory = _tracemalloc.get_traced_memory
reset_peak = _tracemalloc.reset_peak
get_tracemalloc_memory = _tracemalloc.get_tracemalloc_memory
get_traceback_limit = _tracemalloc.get_traceback_limit
_get_traces = _tracemalloc._get_traces
_get_object_traceback = _tracemalloc._get_object_traceback


def _format_size(size, sign):
    for unit in ('B', 'KiB', 'MiB', 'GiB', 'TiB'):
        if abs(size) < 100 and unit != 'B':
            # 3 digits (xx.x UNIT)
            if sign:
                return "%+.1f %s" % (size, unit)
            else:
                return "%.1f %s" % (size, unit)
        if abs(size) < 10 * 1024 or unit == 'TiB':
            # 4 or 5 digits (xxxx UNIT)
            if sign:
                return "%+.0f %s" % (size, unit)
            else:
                return "%.0f %s" % (size, unit)
        size /= 1024


class Statistic:
    __slots__ = ('traceback', 'size', 'count')

    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def __hash__(self):
        return hash((self.traceback, self.size, self.count))

    def __eq__(self, other):
        if not isinstance(other, Statistic):
            return NotImplemented
        return (self.traceback == other.traceback
                and self.size == other.size
                and self.count == other.count)

    def __str__(self):
        text = ("%s: size=%s, count=%i"
                 % (self.traceback,
                    _format_size(self.size, False),
                    self.count))
        if self.count:
            average = self.size / self.count
            text += ", average=%s" % _format_size(average, False)
        return text

    def __repr__(self):
        return ('<Statistic traceback=%r size=%i count=%i>'
                % (self.traceback, self.size, self.count))

    def _sort_key(self):
        return (self.size, self.count, self.traceback._frames)


class StatisticDiff:
    __slots__ = ('traceback', 'size', 'size_diff', 'count', 'count_diff')

    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def __hash__(self):
        return hash((self.traceback, self.size, self.size_diff,
                     self.count, self.count_diff))

    def __eq__(self, other):
        if not isinstance(other, StatisticDiff):
            return NotImplemented
        return (self.traceback == other.traceback
                and self.size == other.size
                and self.size_diff == other.size_diff
                and self.count == other.count
                and self.count_diff == other.count_diff)

    def __str__(self):
        text = ("%s: size=%s (%s), count=%i (%+i)"
                % (self.traceback,
                   _format_size(self.size, False),
                   _format_size(self.size_diff, True),
                   self.count,
                   self.count_diff))
        if self.count:
            average = self.size / self.count
            text += ", average=%s" % _format_size(average, False)
        return text

    def __repr__(self):
        return ('<StatisticDiff traceback=%r size=%i (%+i) count=%i (%+i)>'
                % (self.traceback, self.size, self.size_diff,
                   self.count, self.count_diff))

    def _sort_key(self):
        return (abs(self.size_diff), self.size,
                abs(self.count_diff), self.count,
                self.traceback._frames)


def _compare_grouped_stats(old_group, new_group):
    statistics = []
    for key, stat in new_group.items():
        previous = old_group.pop(key, None)
        if previous is not None:
            stat = StatisticDiff(stat.traceback,
                                 stat.size, stat.size - previous.size,
                                 stat.count, stat.count - previous.count)
        else:
            stat = StatisticDiff(stat.traceback,
                                 stat.size, stat.size,
                                 stat.count, stat.count)
        statistics.append(stat)

    for key, stat in old_group.items():
        stat = StatisticDiff(stat.traceback, 0, -stat.size, 0, -stat.count)
        statistics.append(stat)
    return statistics


class _Ordered:
    # functools.total_ordering's comparisons, written out once: instances of one class
    # compare by _key() (Frame: the (filename, lineno) tuple; Traceback: its frames).
    __slots__ = ()

    def __eq__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._key() == other._key()

    def __lt__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._key() >= other._key()


class _Sequence(_Ordered):
    # The part of collections.abc.Sequence that Traceback and _Traces use: _key() is a
    # tuple of tuples, each seen as an _item_class (Frame, Trace).
    __slots__ = ()

    def __len__(self):
        return len(self._key())

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple([self._item_class(item) for item in self._key()[index]])
        else:
            return self._item_class(self._key()[index])

    def __iter__(self):
        return iter(self[:])

    def __contains__(self, item):
        return item._key() in self._key()


class Frame(_Ordered):
    __slots__ = ("_frame",)

    def __init__(self, frame):
        # frame is a tuple: (filename: str, lineno: int)
        self._frame = frame

    def _key(self):
        return self._frame

    @property
    def filename(self):
        return self._frame[0]

    @property
    def lineno(self):
        return self._frame[1]

    def __hash__(self):
        return hash(self._frame)

    def __str__(self):
        return "%s:%s" % (self.filename, self.lineno)

    def __repr__(self):
        return "<Frame filename=%r lineno=%r>" % (self.filename, self.lineno)


class Traceback(_Sequence):
    __slots__ = ("_frames", '_total_nframe')
    _item_class = Frame

    def __init__(self, frames, total_nframe=None):
        # frames is a tuple of frame tuples, most recent first, as _tracemalloc gives
        # them; the Python API keeps the oldest first.
        self._frames = tuple(reversed(frames))
        self._total_nframe = total_nframe

    def _key(self):
        return self._frames

    @property
    def total_nframe(self):
        return self._total_nframe

    def __hash__(self):
        return hash(self._frames)

    def __str__(self):
        return str(self[0])

    def __repr__(self):
        s = f"<Traceback {tuple(self)}"
        if self._total_nframe is None:
            s += ">"
        else:
            s += f" total_nframe={self.total_nframe}>"
        return s

    def format(self, limit=None, most_recent_first=False):
        lines = []
        if limit is not None:
            if limit > 0:
                frame_slice = self[-limit:]
            else:
                frame_slice = self[:limit]
        else:
            frame_slice = self

        if most_recent_first:
            frame_slice = reversed(list(frame_slice))
        for frame in frame_slice:
            lines.append('  File "%s", line %s'
                         % (frame.filename, frame.lineno))
            line = _tracemalloc._getline(frame.filename, frame.lineno).strip()
            if line:
                lines.append('    %s' % line)
        return lines


def get_object_traceback(obj):
    frames = _get_object_traceback(obj)
    if frames is not None:
        return Traceback(frames)
    else:
        return None


class Trace:
    __slots__ = ("_trace",)

    def __init__(self, trace):
        # trace is a tuple: (domain: int, size: int, traceback: tuple, total_nframe: int).
        self._trace = trace

    def _key(self):
        return self._trace

    @property
    def domain(self):
        return self._trace[0]

    @property
    def size(self):
        return self._trace[1]

    @property
    def traceback(self):
        return Traceback(self._trace[2], self._trace[3])

    def __eq__(self, other):
        if not isinstance(other, Trace):
            return NotImplemented
        return (self._trace == other._trace)

    def __hash__(self):
        return hash(self._trace)

    def __str__(self):
        return "%s: %s" % (self.traceback, _format_size(self.size, False))

    def __repr__(self):
        return ("<Trace domain=%s size=%s, traceback=%r>"
                % (self.domain, _format_size(self.size, False), self.traceback))


class _Traces(_Sequence):
    _item_class = Trace

    def __init__(self, traces):
        # traces is a tuple of trace tuples: see Trace constructor
        self._traces = traces

    def _key(self):
        return self._traces

    def __repr__(self):
        return "<Traces len=%s>" % len(self)


def _normalize_filename(filename):
    if filename.endswith('.pyc'):
        filename = filename[:-1]
    return filename


def _fnmatch(name, pat):
    # fnmatch.fnmatchcase for '*' and '?' (no '[...]' sets).
    if not pat:
        return not name
    if pat[0] == '*':
        i = 0
        while i <= len(name):
            if _fnmatch(name[i:], pat[1:]):
                return True
            i += 1
        return False
    if not name:
        return False
    if pat[0] == '?' or pat[0] == name[0]:
        return _fnmatch(name[1:], pat[1:])
    return False


class BaseFilter:
    def __init__(self, inclusive):
        self.inclusive = inclusive

    def _match(self, trace):
        raise NotImplementedError


class Filter(BaseFilter):
    def __init__(self, inclusive, filename_pattern,
                 lineno=None, all_frames=False, domain=None):
        super().__init__(inclusive)
        self.inclusive = inclusive
        self._filename_pattern = _normalize_filename(filename_pattern)
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    @property
    def filename_pattern(self):
        return self._filename_pattern

    def _match_frame_impl(self, filename, lineno):
        filename = _normalize_filename(filename)
        if not _fnmatch(filename, self._filename_pattern):
            return False
        if self.lineno is None:
            return True
        else:
            return (lineno == self.lineno)

    def _match_frame(self, filename, lineno):
        return self._match_frame_impl(filename, lineno) ^ (not self.inclusive)

    def _match_traceback(self, traceback):
        if self.all_frames:
            for filename, lineno in traceback:
                if self._match_frame_impl(filename, lineno):
                    return self.inclusive
            return (not self.inclusive)
        else:
            filename, lineno = traceback[0]
            return self._match_frame(filename, lineno)

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        res = self._match_traceback(traceback)
        if self.domain is not None:
            if self.inclusive:
                return res and (domain == self.domain)
            else:
                return res or (domain != self.domain)
        return res


class DomainFilter(BaseFilter):
    def __init__(self, inclusive, domain):
        super().__init__(inclusive)
        self._domain = domain

    @property
    def domain(self):
        return self._domain

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        return (domain == self.domain) ^ (not self.inclusive)


class Snapshot:
    def __init__(self, traces, traceback_limit):
        # traces is a tuple of trace tuples: see _Traces constructor for
        # the exact format
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit

    def _filter_trace(self, include_filters, exclude_filters, trace):
        if include_filters:
            matched = False
            for trace_filter in include_filters:
                if trace_filter._match(trace):
                    matched = True
                    break
            if not matched:
                return False
        if exclude_filters:
            for trace_filter in exclude_filters:
                if not trace_filter._match(trace):
                    return False
        return True

    def filter_traces(self, filters):
        if not isinstance(filters, (list, tuple)):
            raise TypeError("filters must be a list of filters, not %s"
                            % type(filters).__name__)
        if filters:
            include_filters = []
            exclude_filters = []
            for trace_filter in filters:
                if trace_filter.inclusive:
                    include_filters.append(trace_filter)
                else:
                    exclude_filters.append(trace_filter)
            new_traces = [trace for trace in self.traces._traces
                          if self._filter_trace(include_filters,
                                                exclude_filters,
                                                trace)]
        else:
            new_traces = self.traces._traces.copy()
        return Snapshot(new_traces, self.traceback_limit)

    def _group_by(self, key_type, cumulative):
        if key_type not in ('traceback', 'filename', 'lineno'):
            raise ValueError("unknown key_type: %r" % (key_type,))
        if cumulative and key_type not in ('lineno', 'filename'):
            raise ValueError("cumulative mode cannot by used "
                             "with key type %r" % key_type)

        # Keyed by the grouping frames (see the module's header).
        stats = {}
        tracebacks = {}
        if not cumulative:
            for trace in self.traces._traces:
                domain, size, trace_traceback, total_nframe = trace
                try:
                    frames = tracebacks[trace_traceback]
                except KeyError:
                    if key_type == 'traceback':
                        frames = trace_traceback
                    elif key_type == 'lineno':
                        frames = trace_traceback[:1]
                    else: # key_type == 'filename':
                        frames = ((trace_traceback[0][0], 0),)
                    tracebacks[trace_traceback] = frames
                try:
                    stat = stats[frames]
                    stat.size += size
                    stat.count += 1
                except KeyError:
                    stats[frames] = Statistic(Traceback(frames), size, 1)
        else:
            # cumulative statistics
            for trace in self.traces._traces:
                domain, size, trace_traceback, total_nframe = trace
                for frame in trace_traceback:
                    try:
                        frames = tracebacks[frame]
                    except KeyError:
                        if key_type == 'lineno':
                            frames = (frame,)
                        else: # key_type == 'filename':
                            frames = ((frame[0], 0),)
                        tracebacks[frame] = frames
                    try:
                        stat = stats[frames]
                        stat.size += size
                        stat.count += 1
                    except KeyError:
                        stats[frames] = Statistic(Traceback(frames), size, 1)
        return stats

    def statistics(self, key_type, cumulative=False):
        grouped = self._group_by(key_type, cumulative)
        statistics = list(grouped.values())
        statistics.sort(reverse=True, key=Statistic._sort_key)
        return statistics

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        new_group = self._group_by(key_type, cumulative)
        old_group = old_snapshot._group_by(key_type, cumulative)
        statistics = _compare_grouped_stats(old_group, new_group)
        statistics.sort(reverse=True, key=StatisticDiff._sort_key)
        return statistics


def take_snapshot():
    if not is_tracing():
        raise RuntimeError("the tracemalloc module must be tracing memory "
                           "allocations to take a snapshot")
    traces = _get_traces()
    traceback_limit = get_traceback_limit()
    return Snapshot(traces, traceback_limit)
`);
