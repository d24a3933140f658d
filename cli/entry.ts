#!/usr/bin/env node
// Entry of the built command (dist/onecard.mjs, `npm run build`); bin/onecard.js runs the sources.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
