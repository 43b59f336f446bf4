// One jest run for the unit tests beside the code (src, *.spec.ts), the end-to-end suites (test/*.e2e-suite.ts, run
// in a few groups: test/*-group-N.e2e-spec.ts, because jest loads the app afresh per file) and the
// benchmark's own reading of its figures (bench, *.spec.ts).
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: ['src/.*\\.spec\\.ts$', 'test/.*\\.e2e-spec\\.ts$', 'bench/.*\\.spec\\.ts$'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // openid-client 6 and what it imports are ES modules only: Node requires them as they are, Jest's module
    // system does not, so they are compiled to CommonJS here (transpiled only, no type check).
    '/node_modules/(openid-client|oauth4webapi)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi)/)(?!jose/dist/webapi/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
