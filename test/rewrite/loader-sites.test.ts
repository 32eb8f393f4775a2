// The loader rewriter finds each way real packages load their addon, by
// parsing, and says where it found something it did not understand.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeLoaderFile } from '../../compiler/rewrite/loader-sites.js';
import { runCli } from '../helpers/cli.js';
import { fixturesDir, freshDir } from '../helpers/paths.js';

const corpus = path.join(fixturesDir, 'scan-corpus', 'node_modules');
const sites = (source: string, targets: string[], defaultTarget = targets[0]) =>
  analyzeLoaderFile(source, { targets, defaultTarget }).sites.map((s) => `${s.kind}:${s.target}@${s.line} ${source.slice(s.start, s.end)}`);

describe('loader sites in real packages', () => {
  it.each([
    ['bufferutil/index.js', ['bufferutil'], "node-gyp-build:bufferutil@4 require('node-gyp-build')(__dirname)"],
    ['keccak/bindings.js', ['addon'], "node-gyp-build:addon@1 require('node-gyp-build')(__dirname)"],
    ['bigint-buffer/dist/node.js', ['bigint_buffer'], "bindings:bigint_buffer@7 require('bindings')('bigint_buffer')"],
    ['msgpackr-extract/index.js', ['extract'], "node-gyp-build:extract@1 require('node-gyp-build-optional-packages')(__dirname)"],
    ['cpu-features/lib/index.js', ['cpufeatures'], "build-path:cpufeatures@3 require('../build/Release/cpufeatures.node')"],
  ])('%s', (file, targets, expected) => {
    expect(sites(fs.readFileSync(path.join(corpus, file), 'utf8'), targets)).toEqual([expected]);
  });
});

describe('loader sites by pattern', () => {
  it('follows a variable bound to node-gyp-build or bindings (argon2, bcrypt style)', () => {
    const src = `const gypBuild = require("node-gyp-build");\nconst { hash } = gypBuild(__dirname);\nconst b = require('bindings');\nconst x = b({ bindings: 'x.node' });\n`;
    expect(sites(src, ['argon2', 'x'], 'argon2')).toEqual(['node-gyp-build:argon2@2 gypBuild(__dirname)', "bindings:x@4 b({ bindings: 'x.node' })"]);
  });

  it('node-pre-gyp find() from @mapbox and @discordjs, through a variable or inline', () => {
    const src = [
      "const binary = require('@mapbox/node-pre-gyp');",
      "const binding_path = binary.find(path.resolve(path.join(__dirname, './package.json')));",
      'const binding = require(binding_path);',
      "const { find } = require('@discordjs/node-pre-gyp');",
      "const opus = require(find(path.resolve(__dirname, '..', 'package.json')));",
    ].join('\n');
    expect(sites(src, ['opus'])).toEqual(['node-pre-gyp:opus@3 require(binding_path)', "node-pre-gyp:opus@5 require(find(path.resolve(__dirname, '..', 'package.json')))"]);
  });

  it('computed paths whose file name is static (zstd-napi style)', () => {
    const src = "const a = require(`./build/${process.config.target_defaults.default_configuration}/binding.node`);\nconst b = require('../build/Release/' + 'binding');\n";
    expect(sites(src, ['binding'])).toEqual([
      'computed-path:binding@1 require(`./build/${process.config.target_defaults.default_configuration}/binding.node`)',
      "computed-path:binding@2 require('../build/Release/' + 'binding')",
    ]);
  });

  it('ES modules: default imports of the loader', () => {
    const src = "import load from 'node-gyp-build';\nexport default load(import.meta.dirname);\n";
    const r = analyzeLoaderFile(src, { targets: ['a'], defaultTarget: 'a' });
    expect(r.isModule).toBe(true);
    expect(r.sites.map((s) => s.kind)).toEqual(['node-gyp-build']);
  });

  it('a shadowed `require` or an unknown target is not rewritten; a .node path it cannot follow is evidence', () => {
    expect(sites("function f(require) { return require('./build/Release/a.node'); }", ['a'])).toEqual([]);
    const r = analyzeLoaderFile("const name = pick();\nmodule.exports = process.dlopen(module, 'x/' + name + '.node');\nrequire('./build/Release/other.node');\n", { targets: ['a'], defaultTarget: 'a' });
    expect(r.sites).toEqual([]);
    expect(r.unrecognized.map((u) => u.line)).toEqual([2, 3]);
  });
});

describe('an unrecognised loader', () => {
  it('is reported with its file and line, and the package is left untouched', () => {
    const app = freshDir('unrecognised');
    const pkg = path.join(app, 'node_modules', 'odd-loader');
    fs.cpSync(path.join(fixturesDir, 'hello'), pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'odd-loader', version: '1.0.0' }));
    fs.writeFileSync(path.join(pkg, 'index.js'), "'use strict';\nconst dir = __dirname + '/build/' + process.env.FLAVOR;\nmodule.exports = require(dir + '/hello.x.node');\n");
    const before = fs.readFileSync(path.join(pkg, 'index.js'), 'utf8');
    const r = runCli(['build', app, '--json']);
    expect(r.code).toBe(0);
    const outcome = (JSON.parse(r.stdout) as { outcomes: { name: string; status: string; error: { file: string; line: number } }[] }).outcomes.find((o) => o.name === 'odd-loader')!;
    expect(outcome.status).toBe('unsupported');
    expect(outcome.error).toMatchObject({ file: path.join(fs.realpathSync(pkg), 'index.js'), line: 3 });
    expect(fs.readFileSync(path.join(pkg, 'index.js'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(pkg, 'napi-wasm'))).toBe(false);
  });
});
