// A local SMTP server that accepts and discards every message (its own process, so it does not share the
// benchmark's event loop). Prints its port, then counts messages; prints the count on SIGTERM.
'use strict';
const { SMTPServer } = require('smtp-server');

let accepted = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 50 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('end', () => {
      accepted += 1;
      callback();
    });
    stream.resume();
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.server.address().port}\n`);
});
process.on('message', (m) => {
  if (m === 'count') process.send({ accepted });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
