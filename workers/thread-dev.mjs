// The worker entry when gilsim runs from its TypeScript sources (npx tsx src/cli.ts):
// register tsx in this worker, then load the TypeScript entry.
import { register } from "tsx/esm/api";

register();
const mod = await import("./thread.ts");
export default mod.default;
