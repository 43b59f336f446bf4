/**
 * Preloaded (`node --require`) into the app the booking bench profiles: it starts and stops V8's sampling profiler on
 * messages from the bench over the IPC channel, so the profile covers the load and nothing else (not start-up, not
 * shutdown). On 'profile:stop' it writes the .cpuprofile to the path given and answers 'profile:written'.
 */
'use strict';
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');

if (process.send) {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  process.on('message', async (message) => {
    try {
      if (message && message.type === 'profile:start') {
        await post('Profiler.enable');
        await post('Profiler.setSamplingInterval', { interval: message.intervalUs || 1000 });
        await post('Profiler.start');
        process.send({ type: 'profile:started' });
      } else if (message && message.type === 'profile:stop') {
        const { profile } = await post('Profiler.stop');
        writeFileSync(message.path, JSON.stringify(profile));
        process.send({ type: 'profile:written', path: message.path });
      }
    } catch (error) {
      process.send({ type: 'profile:error', message: String((error && error.stack) || error) });
    }
  });
  process.channel && process.channel.unref();
}
