#!/usr/bin/env node
'use strict';
// A committed shim, so npm links the `ihub` command at install time, before the TypeScript is built.
require('../dist/cli/main.js');
