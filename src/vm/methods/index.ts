/**
 * Methods of the built-in types, registered with defMethod when imported (in this order,
 * so every thread numbers the natives alike):
 *   str.ts     split rsplit splitlines join strip… replace find… count startswith endswith
 *              partition center ljust rjust zfill format, case and is* predicates
 *   list.ts    append extend pop insert index count remove reverse copy clear sort
 *   dict.ts    keys values items get setdefault pop popitem copy clear update
 *   tuple.ts   index count
 *   number.ts  int.bit_length bit_count conjugate as_integer_ratio float.is_integer
 *   range.ts   index count
 *   set.ts     add discard remove pop clear copy update union intersection difference
 *              symmetric_difference issubset issuperset isdisjoint
 *   object.ts  object.__init__
 *   args.ts    the argument parsing they share (CPython's error messages)
 */
import "./str.js";
import "./list.js";
import "./dict.js";
import "./tuple.js";
import "./number.js";
import "./range.js";
import "./set.js";
import "./object.js";
