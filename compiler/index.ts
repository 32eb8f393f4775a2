// The programmatic API of napi-wasm's build side. Keep it small.
export { compileAddon, type CompileOptions, type CompileResult, type CompiledAddon } from './compile-addon.js';
export { scanProject, SCAN_SCHEMA_VERSION, type ScanResult, type ScannedAddon } from './scan/scan.js';
export type { AddonKind } from './scan/classify.js';
export { discoverToolchain, discover, type DiscoverOptions, type Discovery } from './toolchain/discover.js';
export type { Toolchain, ToolchainKind } from './toolchain/types.js';
export { NapiWasmError, type ErrorCode } from './errors.js';
export type { Logger } from './log.js';
