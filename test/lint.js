#!/usr/bin/env node
/**
 * `npm run lint` (the first step of `npm test`): the type checker, ESLint with typescript-eslint's type-checked rules,
 * Prettier's check and madge's import-cycle check, side by side (each is one Node process; together they use both
 * cores instead of one at a time). Fails if any of them does, after printing what each said.
 */
const { spawn } = require('node:child_process');

const path = require('node:path');

// Each tool's own entry point, by path (package exports do not all list their bin files).
const bin = (file) => path.join(__dirname, '..', 'node_modules', file);
const checks = [
  ['types', [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']],
  ['eslint', [bin('eslint/bin/eslint.js'), '.']],
  ['prettier', [bin('prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.']],
  ['import cycles', [bin('madge/bin/cli.js'), '--circular', '--no-spinner', '--extensions', 'ts', 'src']],
];

const run = ([name, args]) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ name, code, output }));
  });

Promise.all(checks.map(run)).then((results) => {
  for (const { name, code, output } of results) {
    console.log(`lint: ${name} ${code === 0 ? 'passed' : 'FAILED'}`);
    if (code !== 0) console.log(output);
  }
  process.exit(results.every((r) => r.code === 0) ? 0 : 1);
});
