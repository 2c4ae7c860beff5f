/** Files of the gilsim package, found from this module wherever it runs from (src/ under
 *  tsx, dist/src/, or the bundle in dist/bundle/): the nearest folder above with a
 *  package.json is the package's root. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

let root: URL | null | undefined;

function packageRoot(): URL | null {
  if (root !== undefined) return root;
  for (let dir = new URL(".", import.meta.url); ; dir = new URL("..", dir)) {
    if (existsSync(fileURLToPath(new URL("package.json", dir)))) return (root = dir);
    if (dir.pathname === "/") return (root = null);
  }
}

/** The path of `rel` in the package (e.g. "package.json", "scenarios/x.py"), or null if
 *  the package root cannot be found. */
export function packagePath(rel: string): string | null {
  const r = packageRoot();
  return r === null ? null : fileURLToPath(new URL(rel, r));
}
