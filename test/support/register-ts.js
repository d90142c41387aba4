'use strict';
// Tests run TypeScript through tsx; point it at a tsconfig that covers sources and tests alike so
// TypeORM's legacy decorators compile the same way as under tsc.
process.env.TSX_TSCONFIG_PATH = require('node:path').join(__dirname, '../../tsconfig.test.json');
require('tsx/cjs');
