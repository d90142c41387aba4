import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { HubError } from '@ihub/plugin-kit';
import { action } from '../cli-context';

const PLACEHOLDER_ID = 'template';
/** The template's code identifiers (`TemplateConfig`, `TemplateClient`) and display name use this. */
const PLACEHOLDER_NAME = 'Template';
const SKIP = new Set(['node_modules', 'dist', 'tsconfig.tsbuildinfo']);

function templateDir(): string {
  try {
    return path.dirname(require.resolve('@ihub/connector-template/package.json'));
  } catch {
    throw new HubError('IHUB_TEMPLATE_NOT_FOUND', 'the plugin template (@ihub/connector-template) is not installed next to the hub', { fault: 'user' });
  }
}

/** `acme-crm` → `AcmeCrm`: usable in identifiers and readable as a name. */
export function pascalCase(id: string): string {
  return id.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** Copies the template, renaming `template`/`Template` to the new connector's id and PascalCase name. */
function copyTemplate(from: string, to: string, id: string, name: string): number {
  let files = 0;
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const src = path.join(from, entry.name);
    const dest = path.join(to, entry.name.replaceAll(PLACEHOLDER_ID, id));
    if (entry.isDirectory()) {
      files += copyTemplate(src, dest, id, name);
      continue;
    }
    const text = fs.readFileSync(src, 'utf8').replaceAll(PLACEHOLDER_NAME, name).replaceAll(PLACEHOLDER_ID, id);
    fs.writeFileSync(dest, entry.name === 'package.json' ? withoutPrivate(text) : text);
    files += 1;
  }
  return files;
}

/** The template is private in this repository; a new plugin is meant to be published. */
function withoutPrivate(packageJson: string): string {
  const pkg = JSON.parse(packageJson);
  delete pkg.private;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function findSpecs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : findSpecs(p);
    return /\.spec\.(ts|js)$/.test(e.name) ? [p] : [];
  });
}

/** `ihub plugin new <name>` and `ihub plugin test [path]`. */
export function pluginCommand(program: Command): void {
  const plugin = program.command('plugin').description('create and test connector plugins');
  plugin
    .command('new <id>')
    .description('create a connector package from the template')
    .option('--dir <folder>', 'where to create it', 'connectors')
    .option('--name <Name>', 'PascalCase name for code identifiers (default: from the id, acme-crm → AcmeCrm)')
    .action(action(async (id: string, opts: { dir: string; name?: string }) => {
      if (!/^[a-z][a-z0-9-]{1,62}$/.test(id)) throw new HubError('IHUB_PLUGIN_ID_INVALID', `'${id}' is not a connector id: use lower-case letters, digits and dashes, starting with a letter`, { fault: 'user' });
      const target = path.resolve(opts.dir, id);
      if (fs.existsSync(target)) throw new HubError('IHUB_PLUGIN_EXISTS', `${target} already exists`, { fault: 'user' });
      const name = opts.name ?? pascalCase(id);
      if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new HubError('IHUB_PLUGIN_NAME_INVALID', `'${name}' is not a PascalCase name (letters and digits, starting upper-case)`, { fault: 'user' });
      const files = copyTemplate(templateDir(), target, id, name);
      process.stdout.write(`created ${target} (${files} files)\nnext: npm install && npx tsc -b ${path.relative(process.cwd(), target) || '.'} && ihub plugin test ${path.relative(process.cwd(), target) || '.'}\n`);
    }));
  plugin
    .command('test [path]')
    .description("run a plugin's tests, including its conformance suite")
    .action(action(async (given: string | undefined) => {
      const dir = path.resolve(given ?? '.');
      const specs = findSpecs(path.join(dir, 'test'));
      if (specs.length === 0) throw new HubError('IHUB_PLUGIN_NO_TESTS', `no *.spec.ts or *.spec.js under ${path.join(dir, 'test')}`, { fault: 'user' });
      require('tsx/cjs/api').register();
      const Mocha = require('mocha');
      const mocha = new Mocha({ timeout: 30_000, reporter: 'spec' });
      for (const spec of specs) mocha.addFile(spec);
      const failures: number = await new Promise((resolve) => mocha.run(resolve));
      return failures > 0 ? 1 : 0;
    }));
}
