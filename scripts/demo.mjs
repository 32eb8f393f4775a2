// README command 1 (after `npm ci`): compile the hello fixture and the real
// bufferutil@4.1.0 from npm with the embedded @yowasp/clang, load both on the
// napi-wasm runtime in Node, and call them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const out = path.join(root, '.cache', 'demo');
const cli = path.join(root, 'bin', 'napi-wasm.js');
const toolchain = process.env.NAPI_WASM_DEMO_TOOLCHAIN ?? 'yowasp';
process.env.NAPI_WASM_CACHE_DIR ??= path.join(root, '.cache', 'napi-wasm');

function step(title) {
  console.log(`\n== ${title}`);
}

step('install bufferutil@4.1.0 from npm (no install scripts, so no native build)');
execFileSync('npm', ['install', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: path.join(root, 'fixtures', 'packages'), stdio: 'inherit' });

function compile(dir, name) {
  step(`napi-wasm compile ${path.relative(root, dir)} --toolchain ${toolchain}`);
  const started = Date.now();
  execFileSync(process.execPath, [cli, 'compile', dir, '--out', path.join(out, name), '--toolchain', toolchain], { stdio: 'inherit' });
  console.log(`compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return path.join(out, name);
}

const helloDir = compile(path.join(root, 'fixtures', 'hello'), 'hello');
const hello = require(path.join(helloDir, 'hello.cjs'));
console.log(`hello.hello() = ${JSON.stringify(hello.hello())}`);
console.log(`hello.add(2, 3) = ${hello.add(2, 3)}`);

const buDir = compile(path.join(root, 'fixtures', 'packages', 'node_modules', 'bufferutil'), 'bufferutil');
const bufferutil = require(path.join(buDir, 'bufferutil.cjs'));
const mask = Buffer.from([1, 2, 3, 4]);
const source = Buffer.from('hello, wasm!');
const output = Buffer.alloc(source.length + 3);
bufferutil.mask(source, mask, output, 3, source.length);
const expected = Buffer.from(source.map((b, i) => b ^ mask[i & 3]));
const masked = output.subarray(3);
console.log(`bufferutil.mask("hello, wasm!") = ${masked.toString('hex')} (${masked.equals(expected) ? 'matches' : 'DOES NOT MATCH'} the JS reference)`);
bufferutil.unmask(masked, mask);
console.log(`bufferutil.unmask(...) = ${JSON.stringify(masked.toString())}`);
if (!masked.equals(source) || hello.add(2, 3) !== 5) process.exit(1);
console.log(`\ndemo ok: outputs in ${path.relative(root, out)}`);
fs.mkdirSync(out, { recursive: true });
