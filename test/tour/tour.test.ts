/**
 * The tour (`npm start`): its program is the golden one (whose expected output is
 * CPython 3.11's), and a run under the GIL is reported correct, with GIL switches.
 * The other modes' rows depend on races and are not asserted here.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatTour, TOUR_EXPECTED, tourProgram, tourRun } from "../../src/tour.js";
import { tempDir } from "../support/tmp.js";

const golden = new URL("../golden/threads/18_shared_object_tour", import.meta.url).pathname;
const cli = new URL("../../bin/gilsim.js", import.meta.url).pathname;

const scratch = tempDir("gilsim-tour-test-");

describe("tour", () => {
  it("runs the golden shared-object program and expects CPython's output", () => {
    expect(tourProgram()).toBe(readFileSync(`${golden}.py`, "utf8"));
    expect(TOUR_EXPECTED).toBe(readFileSync(`${golden}.out`, "utf8"));
  });

  it("reports the gil run as correct, with GIL switches and no findings", () => {
    const row = tourRun(cli, "gil", scratch);
    expect(row).toMatchObject({ mode: "gil", correct: true, findings: 0, exitCode: 0, note: "" });
    expect(row.gilSwitches).toBeGreaterThan(0);
  }, 60_000);

  it("formats a side-by-side table", () => {
    const table = formatTour([
      { mode: "gil", correct: true, findings: 0, exitCode: 0, wallMs: 1234, gilSwitches: 56, note: "" },
      { mode: "nogil", correct: false, findings: 7, exitCode: 139, wallMs: 2000, gilSwitches: null, note: "" },
    ]);
    expect(table.split("\n")[0]).toMatch(/^mode\s+output = CPython's\?\s+race findings\s+exit\s+wall \(s\)\s+GIL switches$/);
    expect(table).toMatch(/^gil\s+yes\s+0\s+0\s+1\.23\s+56$/m);
    expect(table).toMatch(/^nogil\s+NO\s+7\s+139\s+2\.00\s+no GIL$/m);
  });
});
