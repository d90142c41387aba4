import path from 'node:path';
import type { ConfigProblem } from '@ihub/plugin-kit';
import { formatConfigPath, type PathSegment } from './config-path';
import type { YamlSource } from './yaml-source';

/** A config file as read: where it is, how to name it to users, and its parsed YAML. */
export interface ConfigFile {
  /** Absolute path. */
  absolutePath: string;
  /** Path as shown to users: relative to the working directory when inside it. */
  file: string;
  source: YamlSource;
}

/** `config/hub.yaml` rather than `/home/me/project/config/hub.yaml` when run from the project. */
export function displayPath(absolutePath: string, cwd: string): string {
  const relative = path.relative(cwd, absolutePath);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolutePath;
}

/** A problem about the node at `at` in `file`, at that node's line (or its nearest existing ancestor's). */
export function problemAt(file: ConfigFile, at: readonly PathSegment[], message: string): ConfigProblem {
  return { file: file.file, line: file.source.lineOf(at), path: formatConfigPath(at), message };
}

/** Problems in the order users read them: by file, then line, then path. */
export function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.path.localeCompare(b.path) ||
      a.message.localeCompare(b.message),
  );
}
