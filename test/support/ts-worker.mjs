// Runs a TypeScript worker under tsx, for tests: new Worker(thisFile, { workerData: { entry, ... } }).
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

register();
await import(workerData.entry);
