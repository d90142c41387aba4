import fs from 'node:fs';
import path from 'node:path';

/** The running hub's version, checked against each plugin's `hub` semver range. */
export const HUB_VERSION: string = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).version;
