// The `napi-wasm` command.
// Exit codes: 0 success, 1 the build failed (the message says why),
// 2 bad command line, 3 internal error (a bug in napi-wasm: please report).
import { parseArgs } from 'node:util';
import { compileAddon } from './compile-addon.js';
import { NapiWasmError } from './errors.js';
import type { Logger } from './log.js';
import { toolVersion } from './paths.js';
import { doctor, formatDoctor } from './doctor.js';
import { formatScanTable, scanProject } from './scan/scan.js';
import { buildProject, formatBuildReport } from './build/build.js';
import { restoreProject } from './build/restore.js';

const HELP = `napi-wasm ${toolVersion}: rebuild Node-API native addons to WebAssembly

Usage:
  napi-wasm compile <addon-dir> [--out DIR]   compile every addon target in <addon-dir>/binding.gyp
                                              to DIR/<target>.wasm plus a CommonJS loader DIR/<target>.cjs
                                              (DIR defaults to <addon-dir>/build/wasm)
  napi-wasm scan [root]                       list the native addons in root's node_modules (default: .)
                                              and what napi-wasm can do with each
  napi-wasm build [root]                      convert every Node-API addon in root's node_modules in place:
                                              compile to Wasm and rewrite its loader (default root: .)
  napi-wasm restore [root]                    undo everything build changed, byte for byte
  napi-wasm doctor                            show which wasm32-wasi toolchain is used and why

Options:
  --toolchain T   yowasp (embedded @yowasp/clang), system, or a clang binary / LLVM / wasi-sdk folder.
                  Also read from NAPI_WASM_CLANG or WASI_SDK_PATH. Default: a system clang >= 17 with a
                  wasm32-wasi sysroot if there is one, else the embedded @yowasp/clang.
  --debug         build gyp's Debug configuration and keep DWARF debug info
  --jobs N        build: at most N compiles at once (default: the number of cores)
  --dry-run       build: compile and show what would change, change nothing
  --strict        build: exit 1 when any native addon is left unconverted
  --cache-dir D   where compiled Wasm is cached (default: node_modules/.cache/napi-wasm)
  --json          print a machine-readable result on stdout (progress still goes to stderr)
  --verbose       print every command, compiler output, and stack traces on errors
  -h, --help      show this help
  -v, --version   show the version

Exit codes: 0 ok, 1 build failed, 2 bad usage, 3 internal error.
`;

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_INTERNAL = 3;

function stderrLogger(verbose: boolean, quiet: boolean): Logger {
  const write = (line: string) => process.stderr.write(`${line}\n`);
  return {
    info: (m) => !quiet && write(`napi-wasm: ${m}`),
    warn: (m) => write(`napi-wasm: warning: ${m}`),
    verbose: (m) => verbose && write(m),
  };
}

/** In a terminal, progress rewrites one status line; elsewhere it prints plain lines. */
function progressLogger(verbose: boolean): Logger {
  const plain = stderrLogger(verbose, false);
  if (!process.stderr.isTTY || verbose) return plain;
  let shown = false;
  const clear = () => {
    if (shown) process.stderr.write('\r\x1b[K');
    shown = false;
  };
  return {
    info: (m) => {
      clear();
      process.stderr.write(`napi-wasm: ${m.slice(0, (process.stderr.columns ?? 100) - 12)}`);
      shown = true;
    },
    warn: (m) => {
      clear();
      plain.warn(m);
    },
    verbose: () => {},
  };
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        toolchain: { type: 'string' },
        debug: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        'cache-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`napi-wasm: ${(err as Error).message}\nRun \`napi-wasm --help\` for usage.\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    process.stdout.write(`${toolVersion}\n`);
    return EXIT_OK;
  }
  if (values.help || !command || command === 'help') {
    process.stdout.write(HELP);
    return command || values.help ? EXIT_OK : EXIT_USAGE;
  }
  const log = stderrLogger(values.verbose, false);
  try {
    switch (command) {
      case 'compile': {
        if (rest.length !== 1) return usage('compile takes exactly one <addon-dir>');
        const result = await compileAddon({ addonDir: rest[0]!, outDir: values.out, toolchain: values.toolchain, debug: values.debug, log });
        if (values.json) process.stdout.write(`${JSON.stringify({ ok: true, ...result }, null, 2)}\n`);
        else for (const a of result.addons) log.info(`wrote ${a.wasmFile} (${a.wasmBytes} bytes) and ${a.loaderFile} in ${result.milliseconds} ms`);
        return EXIT_OK;
      }
      case 'scan': {
        if (rest.length > 1) return usage('scan takes at most one [root]');
        const result = scanProject(rest[0] ?? '.');
        process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatScanTable(result));
        return EXIT_OK;
      }
      case 'build': {
        if (rest.length > 1) return usage('build takes at most one [root]');
        const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
        if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) return usage('--jobs takes a whole number above 0');
        const report = await buildProject({ root: rest[0] ?? '.', jobs, dryRun: values['dry-run'], strict: values.strict, cacheDir: values['cache-dir'], toolchain: values.toolchain, log: progressLogger(values.verbose) });
        if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${formatBuildReport(report)}`);
        return report.exitCode;
      }
      case 'restore': {
        if (rest.length > 1) return usage('restore takes at most one [root]');
        const report = restoreProject(rest[0] ?? '.');
        if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else log.info(report.restored.length ? `restored ${report.restored.join(', ')}` : 'nothing to restore');
        return EXIT_OK;
      }
      case 'doctor': {
        if (rest.length) return usage('doctor takes no arguments');
        const report = await doctor({ toolchain: values.toolchain });
        process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctor(report));
        return report.ok ? EXIT_OK : EXIT_FAILED;
      }
      default:
        return usage(`unknown command "${command}"`);
    }
  } catch (err) {
    return reportError(err, values.json, values.verbose);
  }
}

function usage(message: string): number {
  process.stderr.write(`napi-wasm: ${message}\nRun \`napi-wasm --help\` for usage.\n`);
  return EXIT_USAGE;
}

function reportError(err: unknown, json: boolean, verbose: boolean): number {
  if (err instanceof NapiWasmError) {
    if (json) {
      const { packageName, file, line } = err.location;
      process.stdout.write(`${JSON.stringify({ ok: false, error: { code: err.code, message: err.message, package: packageName, file, line, hint: err.hint } }, null, 2)}\n`);
    }
    process.stderr.write(`napi-wasm: error: ${err.headline()}\n  ${err.hint}\n`);
    if (verbose) {
      if (err.details) process.stderr.write(`${err.details.trimEnd()}\n`);
      process.stderr.write(`${err.stack ?? ''}\n`);
    }
    return EXIT_FAILED;
  }
  process.stderr.write(`napi-wasm: internal error: ${(err as Error)?.message ?? String(err)}\n  This is a bug in napi-wasm; please report it with the output of --verbose.\n`);
  if (verbose) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
  return EXIT_INTERNAL;
}

process.exitCode = await main(process.argv.slice(2));
