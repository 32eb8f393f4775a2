// Build output goes through a Logger so the CLI can print it, tests can
// capture it, and --json can keep stdout clean.

export interface Logger {
  /** Normal progress lines ("compile src/x.c"). */
  info(message: string): void;
  /** Something changed or was left out on purpose, e.g. a dropped flag. */
  warn(message: string): void;
  /** Only with --verbose. */
  verbose(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, verbose() {} };

export function collectingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warning: ${m}`),
    verbose: (m) => lines.push(`verbose: ${m}`),
  };
}
