// The console bundle's entry points and output options, one source for the in-memory bundle
// (hub/console/assets.ts) and `npm run build` (scripts/build.mjs, plain Node: hence JavaScript).
import { join } from 'node:path';

/** @param {string} webDir hub/console/web */
export function bundleOptions(webDir) {
  return {
    // The script and the stylesheet (which @imports uPlot's) are separate entries: app.js, app.css.
    entryPoints: [{ in: join(webDir, 'main.tsx'), out: 'app' }, { in: join(webDir, 'style.css'), out: 'app' }],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  };
}
