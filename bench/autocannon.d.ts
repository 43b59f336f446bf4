// autocannon 8 ships no types; the bench uses only its programmatic entry.
declare module 'autocannon';
