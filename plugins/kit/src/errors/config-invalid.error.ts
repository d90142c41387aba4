import { HubError } from './hub.error';

/** One problem found in a configuration: where it is and what is wrong. */
export interface ConfigProblem {
  /** File the problem is in, when the config came from a file. */
  file?: string;
  /** 1-based line in that file, when known. */
  line?: number;
  /** Path inside the document, e.g. `flows[0].mapping.summary`. */
  path: string;
  message: string;
}

export function formatConfigProblem(p: ConfigProblem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''} ` : '';
  return `${where}${p.path || '(root)'}: ${p.message}`;
}

/** A configuration (hub file, integration file or a connector's connection config) is invalid. Lists every problem. */
export class ConfigInvalidError extends HubError {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[], subject = 'configuration') {
    super(
      'IHUB_CONFIG_INVALID',
      `invalid ${subject}: ${problems.length} problem(s)\n${problems.map((p) => '  ' + formatConfigProblem(p)).join('\n')}`,
      { data: { problems }, fault: 'user' },
    );
    this.problems = problems;
  }
}
