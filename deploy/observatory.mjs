// The MDN HTTP Observatory's grade for a site on any ports, offline.
//
//   node deploy/observatory.mjs HOST [--http-port N] [--https-port N] [--path /tin-tuc/]
//
// Its CLI (mdn-http-observatory-scan HOST) scans ports 80 and 443 only; this runs the same
// retriever with other ports and grades exactly as its scanner does (src/scanner/index.js of
// @mdn/mdn-http-observatory 1.4.x). The package is not in package.json: its install script
// downloads certificate and HSTS-preload lists, which fails offline. Install it aside
// (deploy/SECURITY.md, "Headers") and point OBSERVATORY_DIR at that folder. A self-signed
// certificate is trusted with NODE_EXTRA_CA_CERTS=cert.pem. Prints one JSON object: grade,
// score, tests passed, and each test's result; exit status 2 when the site cannot be reached.
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.join(
  process.env.OBSERVATORY_DIR ?? ".", "node_modules", "@mdn", "mdn-http-observatory", "src"
);
const load = (file) => import(pathToFileURL(path.join(root, file)).href);
const { retrieve } = await load("retriever/retriever.js");
const { ALL_TESTS, NUM_TESTS } = await load("constants.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("grader/charts.js");
const { getGradeForScore, getScoreModifier } = await load("grader/grader.js");

const [host, ...rest] = process.argv.slice(2);
const flags = { "--http-port": "httpPort", "--https-port": "httpsPort", "--path": "path" };
const options = {};
for (let i = 0; i < rest.length; i += 2) {
  if (!flags[rest[i]]) throw new Error(`unknown option ${rest[i]}`);
  options[flags[rest[i]]] = rest[i + 1];
}
const retrieved = await retrieve(host, options);
if (!retrieved.responses.auto) {
  console.log(JSON.stringify({ error: `${host} cannot be reached` }));
  process.exit(2);
}
let passed = 0;
let withExtraCredit = 100;
let uncurved = 100;
const tests = {};
for (const test of ALL_TESTS) {
  const result = test(retrieved);
  if (result.result) {
    result.scoreModifier = getScoreModifier(result.result);
    passed += result.pass ? 1 : 0;
    withExtraCredit += result.scoreModifier;
    if (result.scoreModifier < 0) uncurved += result.scoreModifier;
  }
  tests[result.constructor.name] = {
    pass: result.pass, result: result.result, scoreModifier: result.scoreModifier,
  };
}
// As the scanner: extra credit counts only where the score without it is already an A.
const final = getGradeForScore(
  uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved
);
console.log(JSON.stringify({
  grade: final.grade, score: final.score, passed, total: NUM_TESTS,
  status: retrieved.responses.auto.status, tests,
}, null, 2));
