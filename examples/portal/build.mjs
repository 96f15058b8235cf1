// Copies the built npm package into vendor/threatconnect/, where portal.js
// imports it (not committed). `node examples/portal/build.mjs [PACKAGE_DIR]`
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DEFAULT_PACKAGE_DIR, copyPackage } from '../extension/build.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

export function build(packageDir = DEFAULT_PACKAGE_DIR) {
  return copyPackage(join(HERE, 'vendor/threatconnect'), packageDir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`copied the package into ${build(process.argv[2])}`);
}
