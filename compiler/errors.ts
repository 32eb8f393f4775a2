// One error type for everything the user can fix. The CLI prints `message`
// and `hint` without a stack trace unless --verbose is given.

export type ErrorCode =
  | 'NO_BINDING_GYP'
  | 'GYP_ERROR'
  | 'NO_TOOLCHAIN'
  | 'TOOLCHAIN_FAILED'
  | 'COMPILE_FAILED'
  | 'LINK_FAILED'
  | 'UNSUPPORTED'
  | 'USAGE'
  | 'LOCKED'
  | 'LOADER_NOT_RECOGNIZED';

export interface ErrorLocation {
  /** npm package name (or folder name when there is no package.json). */
  packageName?: string;
  file?: string;
  line?: number;
}

export class NapiWasmError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;
  /** What the user should do next. */
  readonly hint: string;
  /** Full tool output (compiler diagnostics, gyp traceback), shown in the log. */
  readonly details: string;

  constructor(code: ErrorCode, message: string, options: { hint: string; location?: ErrorLocation; details?: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NapiWasmError';
    this.code = code;
    this.hint = options.hint;
    this.location = options.location ?? {};
    this.details = options.details ?? '';
  }

  /** "pkg: file:line: message" — the one line a user reads first. */
  headline(): string {
    const { packageName, file, line } = this.location;
    const where = file ? `${file}${line ? `:${line}` : ''}: ` : '';
    return `${packageName ? `${packageName}: ` : ''}${where}${this.message}`;
  }
}
