export default async function globalTeardown(): Promise<void> {
  await globalThis.__QUORUM_TEST_DB__?.stop();
}
