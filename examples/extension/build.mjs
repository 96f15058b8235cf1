// Copies the built npm package (target/npm, or $TC_NPM_DIR, or the folder
// given as the first argument) into vendor/threatconnect/, where
// background.js imports it. The copy is not committed (see .gitignore).
//
//   node examples/extension/build.mjs [PACKAGE_DIR]

import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const FILES = ['index.js', 'index.d.ts', 'tc_js.js', 'tc_js_bg.wasm', 'package.json', 'README.md'];

export const DEFAULT_PACKAGE_DIR = process.env.TC_NPM_DIR ?? resolve(HERE, '../../target/npm');

/** Copies the package's browser files into `vendor` (emptied first). */
export function copyPackage(vendor, packageDir = DEFAULT_PACKAGE_DIR) {
  rmSync(vendor, { recursive: true, force: true });
  mkdirSync(vendor, { recursive: true });
  for (const file of FILES) {
    const from = join(packageDir, file);
    if (!existsSync(from)) {
      if (file === 'README.md') continue;
      throw new Error(`${from} is missing: build the package first (cargo xtask pkg)`);
    }
    cpSync(from, join(vendor, file), { dereference: true });
  }
  return vendor;
}

export function build(packageDir = DEFAULT_PACKAGE_DIR) {
  return copyPackage(join(HERE, 'vendor/threatconnect'), packageDir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`copied the package into ${build(process.argv[2])}`);
}
