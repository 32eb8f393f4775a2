// binding.gyp is evaluated by node-gyp's own gyp, so every gyp feature works
// as it does natively. The fixture reports what reached the compiler.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateGyp } from '../../compiler/gyp/evaluate.js';
import { buildWasm } from '../helpers/wasm.js';
import { fixturesDir, freshDir } from '../helpers/paths.js';

const features = path.join(fixturesDir, 'gyp-features');

describe('gyp evaluation', () => {
  it('evaluates variables, conditions, command expansions, .gypi includes and sub-gyp static libraries', async () => {
    const work = freshDir('gyp');
    const project = await evaluateGyp({ addonDir: features, configuration: 'Release', workDir: work, productDir: work });
    const names = project.targets.map((t) => `${t.name}:${t.type}`);
    // Dependencies come first.
    expect(names).toEqual(['mathlib:static_library', 'features:loadable_module']);
    const addon = project.targets[1]!;
    expect(addon.defines).toEqual(expect.arrayContaining(['FROM_GYPI=1', 'GREETING="hello"', 'ANSWER=42', 'ON_WASI=1', 'ARCH_NAME="wasm32"', 'HAVE_MATHLIB=1', 'NODE_GYP_MODULE_NAME=features', 'BUILDING_NODE_EXTENSION']));
    expect(addon.includeDirs).toContain(path.join(features, 'lib'));
    expect(addon.sources.map((s) => path.relative(features, s))).toEqual(['src/features.c', 'src/fast.S']);
    expect(addon.cflagsCc).toEqual(expect.arrayContaining(['-fno-exceptions', '-fno-rtti']));
  });

  it('builds and runs the fixture, logging every flag and source it dropped', async () => {
    const build = await buildWasm(features);
    expect(build.load().describe()).toEqual({ greeting: 'hello', arch: 'wasm32', module: 'features', answer: 42, onWasi: 1, square: 81 });
    for (const dropped of ['-fPIC', '-pthread', '-m64', '-msse2']) {
      expect(build.log.some((l) => l.includes(`dropped flag ${dropped} `))).toBe(true);
    }
    expect(build.log.some((l) => l.includes('dropped source src/fast.S'))).toBe(true);
  });
});

describe('node-addon-api gyp targets', () => {
  it('node_addon_api_except brings its include dir and turns C++ exceptions on; NAPI_DISABLE_CPP_EXCEPTIONS keeps them off', async () => {
    const work = freshDir('gyp-naa');
    const project = await evaluateGyp({ addonDir: path.join(fixturesDir, 'gyp-node-addon-api'), configuration: 'Release', workDir: work, productDir: work });
    const except = project.targets.find((t) => t.name === 'naa_except')!;
    const noexcept = project.targets.find((t) => t.name === 'naa_noexcept')!;
    expect(except.defines).toContain('NAPI_CPP_EXCEPTIONS');
    expect(except.cflagsCc).not.toContain('-fno-exceptions');
    expect(except.includeDirs.some((d) => d.endsWith(`${path.sep}node-addon-api`))).toBe(true);
    expect(noexcept.cflagsCc).toContain('-fno-exceptions');
    expect(noexcept.includeDirs.some((d) => d.endsWith(`${path.sep}node-addon-api`))).toBe(true);
  });
});
