// One build or restore at a time per project: an exclusive lock file holding
// the owner's pid. A lock whose process is gone is stale and taken over.
import fs from 'node:fs';
import path from 'node:path';
import { NapiWasmError } from '../errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(root: string): () => void {
  const file = path.join(root, 'node_modules', '.napi-wasm.lock');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (owner && alive(owner) && owner !== process.pid) {
        throw new NapiWasmError('LOCKED', `another napi-wasm build or restore is running on this project (pid ${owner})`, {
          location: { file },
          hint: `Wait for it to finish. If no such process exists, delete ${file}.`,
        });
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new NapiWasmError('LOCKED', 'could not take the build lock', { location: { file }, hint: `Delete ${file} and try again.` });
}
