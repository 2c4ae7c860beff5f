#!/usr/bin/env bash
# Regenerate (or, with --check, verify) the expected outputs of the golden corpus.
#
#   test/golden/regen.sh           rewrite every .out/.err/.code from CPython 3.11
#   test/golden/regen.sh --check   only compare; exit 1 on any difference
#
# Each program X.py is run from inside its own directory as `python3 X.py`.
# CPython (3.9+) makes the __main__ script's path absolute, so tracebacks say
# `File "/abs/path/to/errors/X.py"`; this script rewrites that prefix so the
# checked-in .err files say `File "X.py"` and do not depend on the checkout.
# The interpreter can be overridden with PYTHON=/path/to/python3.11, but it
# must be CPython 3.11.x.
#
# core/X.py    -> X.out                  (must exit 0 with empty stderr)
# gc/X.py      -> X.out                  (as core/: the cyclic GC, gc and weakref)
# errors/X.py  -> X.out, X.err, X.code   (must exit non-zero and print to stdout first)
# threads/X.py -> X.out, plus X.err only if stderr is not empty and X.code only
#                 if the exit status is not 0
# tracemalloc/X.py -> X.out (as core/); tracemalloc prints frames' file names, which
#                 CPython makes absolute, so the directory prefix is removed from stdout
#                 too ('/abs/dir/X.py:12: size=...' -> 'X.py:12: size=...')
#
# Every program is run twice, with two different PYTHONHASHSEED values; if the
# outputs differ the program is non-deterministic (e.g. it prints a set of
# strings) and the script fails. threads/ programs are run THREAD_RUNS times
# (default 6, alternating the two seeds) to catch scheduling-dependent output.
# In threads/ .err files, traceback frames that are not in the program's own
# file (CPython's threading.py frames, _bootstrap_inner and run) are removed;
# see "threads" in README.md.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
python="${PYTHON:-python3}"
thread_runs="${THREAD_RUNS:-6}"
case "$thread_runs" in
  ""|*[!0-9]*|0|1) echo "regen.sh: THREAD_RUNS must be a number >= 2" >&2; exit 2 ;;
esac

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  -h|--help)
    sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

if ! version="$("$python" --version 2>&1)"; then
  echo "regen.sh: cannot run '$python' ($version)" >&2
  exit 2
fi
case "$version" in
  "Python 3.11."*) ;;
  *)
    echo "regen.sh: the golden outputs are defined by CPython 3.11, but '$python' is '$version'." >&2
    echo "regen.sh: refusing to run; put a 3.11 python3 first on PATH or set PYTHON=/path/to/python3.11." >&2
    exit 2 ;;
esac

# Resolve shims (pyenv etc.) once: each program is run twice.
python="$("$python" -c 'import sys; print(sys.executable)')" || exit 2

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Run one program; leaves $tmp/out, $tmp/err, $tmp/code.
# With strip_foreign=1 (threads/), traceback frames whose file is not the
# program itself are dropped from $tmp/err: a `  File "P", line N, in F` line
# where P, after the prefix rewrite, is not the bare "X.py" (in practice
# CPython's .../lib/python3.11/threading.py), together with the lines after it
# that start with 4 spaces (its source and caret lines).
run_one() {
  local dir="$1" name="$2" seed="$3" strip_foreign="${4:-0}" relative_out="${5:-0}"
  ( cd "$dir" && env -u PYTHONOPTIMIZE -u PYTHONWARNINGS -u PYTHONDEVMODE -u PYTHONPATH \
      -u PYTHONSTARTUP -u PYTHONINSPECT -u PYTHONUNBUFFERED -u PYTHONSAFEPATH \
      PYTHONHASHSEED="$seed" PYTHONIOENCODING=utf-8 PYTHONDONTWRITEBYTECODE=1 \
      "$python" "$name.py" >"$tmp/out" 2>"$tmp/err" </dev/null
    echo "$?" >"$tmp/code" )
  if [ "$relative_out" = 1 ]; then
    GOLDEN_DIR="$dir/" "$python" -c '
import os, sys
path = sys.argv[1]
with open(path, "rb") as f:
    data = f.read()
with open(path, "wb") as f:
    f.write(data.replace(os.fsencode(os.environ["GOLDEN_DIR"]), b""))
' "$tmp/out"
  fi
  # `File "/abs/dir/X.py"` -> `File "X.py"` (literal prefix replacement).
  [ -s "$tmp/err" ] || return 0
  GOLDEN_DIR="$dir/" GOLDEN_FILE="$name.py" STRIP_FOREIGN="$strip_foreign" "$python" -c '
import os, re, sys
path = sys.argv[1]
with open(path, "rb") as f:
    data = f.read()
prefix = b"File \"" + os.fsencode(os.environ["GOLDEN_DIR"])
data = data.replace(prefix, b"File \"")
if os.environ["STRIP_FOREIGN"] == "1":
    frame = re.compile(rb"^  File \"([^\"]*)\", line \d+, in ")
    own = os.fsencode(os.environ["GOLDEN_FILE"])
    kept, skipping, stripped = [], False, False
    for line in data.splitlines(keepends=True):
        m = frame.match(line)
        if m and m.group(1) != own:
            skipping = stripped = True
            continue
        if skipping and line.startswith(b"    "):
            continue
        skipping = False
        kept.append(line)
    data = b"".join(kept)
    if stripped:
        open(path + ".stripped", "wb").close()
with open(path, "wb") as f:
    f.write(data)
' "$tmp/err"
}

# Compare (check mode) or install (regen mode) one expected file.
settle() {
  local produced="$1" expected="$2"
  if [ "$check" = 1 ]; then
    if [ ! -f "$expected" ]; then
      fail "${expected#$here/} is missing"
    elif ! cmp -s "$produced" "$expected"; then
      fail "${expected#$here/} differs:"
      diff -u "$expected" "$produced" | head -20 >&2
    fi
  elif [ ! -f "$expected" ] || ! cmp -s "$produced" "$expected"; then
    cp "$produced" "$expected"
    echo "wrote ${expected#$here/}"
  fi
}

# Expected file that must not exist (threads/ without stderr or with status 0).
absent() {
  local expected="$1"
  [ -e "$expected" ] || return 0
  if [ "$check" = 1 ]; then
    fail "${expected#$here/} should not exist"
  else
    rm -f "$expected"
    echo "removed ${expected#$here/}"
  fi
}

count=0
stripped_list=""
for kind in core errors gc threads tracemalloc; do
  dir="$here/$kind"
  [ -d "$dir" ] || continue
  strip=0; runs=2; relative=0
  if [ "$kind" = threads ]; then strip=1; runs="$thread_runs"; fi
  if [ "$kind" = tracemalloc ]; then relative=1; fi
  for py in "$dir"/*.py; do
    [ -e "$py" ] || continue
    name="$(basename "$py" .py)"
    count=$((count + 1))

    rm -f "$tmp/err.stripped"
    run_one "$dir" "$name" 12345 "$strip" "$relative"
    mv "$tmp/out" "$tmp/out2"; mv "$tmp/err" "$tmp/err2"; mv "$tmp/code" "$tmp/code2"
    same=1 run=1
    while [ "$run" -lt "$runs" ]; do
      if [ $((run % 2)) = 1 ]; then seed=0; else seed=12345; fi
      run_one "$dir" "$name" "$seed" "$strip" "$relative"
      if ! cmp -s "$tmp/out" "$tmp/out2" || ! cmp -s "$tmp/err" "$tmp/err2" || ! cmp -s "$tmp/code" "$tmp/code2"; then
        same=0
        break
      fi
      run=$((run + 1))
    done
    if [ "$same" = 0 ]; then
      if [ "$kind" = threads ]; then
        fail "$kind/$name.py is not deterministic (output changed between runs: scheduling or PYTHONHASHSEED)"
      else
        fail "$kind/$name.py is not deterministic (output depends on PYTHONHASHSEED)"
      fi
      continue
    fi
    code="$(cat "$tmp/code")"
    [ -e "$tmp/err.stripped" ] && stripped_list="$stripped_list $kind/$name.err"

    if [ "$kind" = core ] || [ "$kind" = gc ] || [ "$kind" = tracemalloc ]; then
      if [ "$code" != 0 ] || [ -s "$tmp/err" ]; then
        fail "$kind/$name.py must exit 0 with empty stderr, got exit $code and stderr:"
        sed 's/^/    /' "$tmp/err" >&2
        continue
      fi
      settle "$tmp/out" "$dir/$name.out"
      for extra in err code; do
        [ -e "$dir/$name.$extra" ] && fail "$kind/$name.$extra should not exist"
      done
    elif [ "$kind" = threads ]; then
      settle "$tmp/out" "$dir/$name.out"
      if [ -s "$tmp/err" ]; then settle "$tmp/err" "$dir/$name.err"; else absent "$dir/$name.err"; fi
      if [ "$code" != 0 ]; then settle "$tmp/code" "$dir/$name.code"; else absent "$dir/$name.code"; fi
    else
      if [ "$code" = 0 ]; then
        fail "errors/$name.py must end in an uncaught exception or sys.exit, but exited 0"
        continue
      fi
      [ -s "$tmp/out" ] || fail "errors/$name.py must print something to stdout first"
      settle "$tmp/out" "$dir/$name.out"
      settle "$tmp/err" "$dir/$name.err"
      settle "$tmp/code" "$dir/$name.code"
    fi
  done

  # Expected files whose program is gone.
  for f in "$dir"/*.out "$dir"/*.err "$dir"/*.code; do
    [ -e "$f" ] || continue
    base="${f%.*}"
    if [ ! -e "$base.py" ]; then
      if [ "$check" = 1 ]; then
        fail "${f#$here/} has no matching .py"
      else
        rm -f "$f"
        echo "removed ${f#$here/} (no matching .py)"
      fi
    fi
  done
done

# .err files with CPython 3.11's caret lines (only spaces, ^ and ~), which the
# gilsim comparison strips.
carets=""
thread_carets=""
for f in "$here"/errors/*.err; do
  [ -e "$f" ] || continue
  if grep -qE '^[[:space:]]*[~^]+[[:space:]]*$' "$f"; then
    carets="$carets $(basename "$f")"
  fi
done
for f in "$here"/threads/*.err; do
  [ -e "$f" ] || continue
  if grep -qE '^[[:space:]]*[~^]+[[:space:]]*$' "$f"; then
    thread_carets="$thread_carets $(basename "$f")"
  fi
done

if [ "$failures" -gt 0 ]; then
  echo "regen.sh: $failures problem(s) in $count programs ($version)" >&2
  exit 1
fi
if [ "$check" = 1 ]; then
  echo "regen.sh: all $count programs match ($version)"
else
  echo "regen.sh: $count programs regenerated ($version)"
fi
echo "caret lines in:${carets:- (none)}"
echo "caret lines in threads/:${thread_carets:- (none)}"
echo "threading.py frames removed from:${stripped_list:- (none)}"
exit 0
