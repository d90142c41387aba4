import path from 'node:path';
import { Command, Option } from 'commander';
import { HubError } from '@ihub/plugin-kit';
import { generateSdks, LANGUAGES, loadSpec, SdkGenError, writeSdk, type Language } from '@ihub/sdk-gen';
import { action } from '../cli-context';

interface GenerateOptions {
  lang: Language | 'all';
  spec: string;
  out: string;
  name?: string;
}

/**
 * `ihub sdk generate --lang python|node|java|dotnet|all --spec <url|file> --out <dir> [--name <package>]`:
 * standard-library clients generated from an OpenAPI document (the hub's own is at
 * `/api/v1/openapi.json`, or `ihub openapi > openapi.json`). One language writes into `--out`;
 * `all` writes one folder per language under it.
 */
export function sdkCommand(program: Command): void {
  const sdk = program.command('sdk').description('client SDKs generated from the OpenAPI document');
  sdk
    .command('generate')
    .description('generate client SDKs (Python, Node, Java, .NET) from an OpenAPI 3.0/3.1 document')
    .addOption(new Option('--lang <language>', 'language to generate').choices([...LANGUAGES, 'all']).makeOptionMandatory())
    .requiredOption('--spec <url|file>', 'OpenAPI document: an http(s) URL or a JSON/YAML file')
    .requiredOption('--out <dir>', 'output folder')
    .option('--name <package>', 'package name (default: the API title without "API")')
    .action(action(async (options: GenerateOptions) => {
      const languages: Language[] = options.lang === 'all' ? [...LANGUAGES] : [options.lang];
      try {
        const result = await generateSdks({ document: await loadSpec(options.spec), languages, ...(options.name ? { name: options.name } : {}) });
        for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
        for (const { language, files } of result.sdks) {
          const dir = options.lang === 'all' ? path.join(options.out, language) : options.out;
          writeSdk(dir, files);
          process.stdout.write(`${language}: ${files.length} files in ${dir}\n`);
        }
      } catch (err) {
        // sdk-gen does not depend on the plugin kit: its coded errors become HubErrors here, so `action` prints their code.
        if (err instanceof SdkGenError) throw new HubError(err.code, err.message, { fault: 'user' });
        throw err;
      }
    }));
}
