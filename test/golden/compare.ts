/** How the threaded golden programs' stderr is compared with CPython's. */

/** stderr as compared: no position markers, no frames from threading.py. */
export function comparableStderr(text: string): string {
  const lines = text.split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*[~^]+\s*$/.test(line)) continue;
    if (/^ {2}File ".*threading\.py", line \d+, in /.test(line)) {
      if (i + 1 < lines.length && /^ {4}\S/.test(lines[i + 1]!)) i++;
      continue;
    }
    kept.push(line);
  }
  return kept.join("\n");
}
