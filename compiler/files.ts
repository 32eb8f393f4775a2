// Writing generated files so that a reader (or a build killed half-way)
// never sees half a file.
import fs from 'node:fs';
import path from 'node:path';

/** Write to a temp file, then rename: readers never see half a file. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
