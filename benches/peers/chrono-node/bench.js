// Times chrono-node's parse over the texts of a corpus file, inside this process: the time to
// load the library is measured and reported apart from the extraction time.
// Usage: node bench.js CORPUS.json REPS
// CORPUS.json: [{"text": "...", "dct": "YYYY-MM-DD"}, ...]
// Prints one JSON object: {"peer", "load_seconds", "rep_seconds": [...], "found", "bytes"}.
"use strict";
const loadStart = process.hrtime.bigint();
const chrono = require("chrono-node");
const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
const fs = require("fs");

const [corpusPath, repsArg] = process.argv.slice(2);
const corpus = JSON.parse(fs.readFileSync(corpusPath, "utf8")).map((d) => ({
  text: d.text,
  // Noon, so that the reference date is the DCT's day in any time zone.
  reference: new Date(d.dct + "T12:00:00Z"),
}));
const reps = Math.max(1, parseInt(repsArg || "5", 10));
const bytes = corpus.reduce((n, d) => n + Buffer.byteLength(d.text, "utf8"), 0);
const repSeconds = [];
let found = 0;
for (let r = 0; r < reps; r++) {
  let count = 0;
  const start = process.hrtime.bigint();
  for (const d of corpus) {
    count += chrono.parse(d.text, d.reference).length;
  }
  repSeconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  found = count;
}
process.stdout.write(
  JSON.stringify({ peer: "chrono-node", load_seconds: loadSeconds, rep_seconds: repSeconds, found, bytes }) + "\n",
);
