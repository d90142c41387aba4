import type { Logger } from '@ihub/plugin-kit';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LEVELS)[number];

/** The logger of processes that run without a broker (the CLI's one-shot commands). Writes to stderr. */
export function consoleLogger(level: LogLevel = 'info', prefix = 'ihub'): Logger {
  const min = LEVELS.indexOf(level);
  const at = (l: LogLevel) => (...args: unknown[]) => {
    if (LEVELS.indexOf(l) >= min) process.stderr.write(`[${new Date().toISOString()}] ${l.toUpperCase()} ${prefix}: ${args.map(String).join(' ')}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
