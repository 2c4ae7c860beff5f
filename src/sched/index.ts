export { EXIT_DEADLOCK, ScheduleDeadlock, Scheduler, SWITCH_ONE_IN_AT_BYTECODE, SWITCH_ONE_IN_AT_MICRO_STEP, VIRTUAL_NS_PER_BYTECODE_POINT, type ScheduleStats } from "./scheduler.js";
export { SeededGate } from "./gate.js";
export { withSchedule } from "./policy.js";
export type { Stepper, WaitKind } from "./types.js";
