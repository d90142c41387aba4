import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeConnectorConformance } from '@ihub/plugin-kit';
import connector from '../src/index';

/** A temp folder holding a three-row people.csv, removed by the cleanup. */
async function peopleFolder(): Promise<{ config: Record<string, unknown>; cleanup: () => Promise<void> }> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ihub-csv-conformance-'));
  await fs.writeFile(path.join(folder, 'people.csv'), 'id,name,team\n1,Ada,math\n2,Grace,navy\n3,Linus,kernel\n');
  return { config: { folder, file: 'people.csv' }, cleanup: () => fs.rm(folder, { recursive: true, force: true }) };
}

describeConnectorConformance(connector, {
  validConfig: peopleFolder,
  invalidConfigs: [
    { config: { file: 'people.csv' }, reason: 'folder missing' },
    { config: { folder: '/data', file: 'people.csv', format: 'xlsx' }, reason: 'format neither csv nor jsonl' },
    { config: { folder: '/data', file: 'people.xlsx' }, reason: 'no format given and none implied by the extension' },
    { config: { folder: '/data', file: '../etc/people.csv' }, reason: 'file escapes the folder' },
    { config: { folder: '/data', file: '/etc/people.csv' }, reason: 'file is an absolute path' },
    { config: { folder: '/data', file: 'people.jsonl', delimiter: ';' }, reason: 'delimiter given for a jsonl file' },
    { config: { folder: '/data', file: 'people.csv', columns: ['name'] }, reason: 'columns without the key column' },
  ],
  secrets: [],
  failingConfig: { folder: path.join(os.tmpdir(), 'ihub-csv-conformance-no-such-folder', 'nested'), file: 'people.csv' },
  entities: {
    file: { list: { minRecords: 3 }, roundTrip: { create: { name: 'Barbara', team: 'clu' }, update: { team: 'mit' } } },
  },
});
