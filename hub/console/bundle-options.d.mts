/** The console bundle's entry points and output options (hub/console/bundle-options.mjs). */
export declare function bundleOptions(webDir: string): {
  entryPoints: { in: string; out: string }[];
  bundle: true;
  minify: true;
  format: 'esm';
  target: string;
  platform: 'browser';
  jsx: 'automatic';
  jsxImportSource: string;
  legalComments: 'none';
  logLevel: 'warning';
};
