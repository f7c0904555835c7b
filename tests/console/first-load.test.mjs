// The console's first load: index.html, the stylesheet and every module it imports, each
// gzip-compressed as a server would send it, together at most 60 KB.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/console");
const LIMIT = 60 * 1024;

// index.html's local src/href, then the static imports of each module, transitively.
function firstLoad() {
  const seen = new Set(["index.html"]);
  const queue = ["index.html"];
  while (queue.length) {
    const text = readFileSync(path.join(folder, queue.shift()), "utf8");
    const refs = [...text.matchAll(/(?:src|href)="([^"#:]+)"|from\s+"\.\/([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    for (const ref of refs)
      if (!seen.has(ref) && /\.(js|css)$/.test(ref)) {
        seen.add(ref);
        queue.push(ref);
      }
  }
  return [...seen];
}

test("the console's first load is at most 60 KB gzip (HTML, JS and CSS)", () => {
  const files = firstLoad();
  assert.ok(files.includes("main.js") && files.includes("console.css") && files.includes("flags.js"), files.join(" "));
  const sizes = files.map((f) => [f, gzipSync(readFileSync(path.join(folder, f)), { level: 9 }).length]);
  const total = sizes.reduce((sum, [, n]) => sum + n, 0);
  console.log(`first load: ${files.length} files, ${total} bytes gzip -9 (limit ${LIMIT})`);
  assert.ok(total <= LIMIT, `${total} bytes: ${sizes.map(([f, n]) => `${f} ${n}`).join(", ")}`);
});
