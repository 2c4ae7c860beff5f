export { isModeName, MODE_ID, MODES, type ModeName, type ModePolicy, type RunGate } from "./policy.js";
export { policyFor } from "./modes.js";
export { formatModeState, freeModeState } from "./state.js";
