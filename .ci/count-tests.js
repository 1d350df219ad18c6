// `N passed, N failed, N skipped` from a vitest JSON report (argv[2]) and the test command's exit status
// (argv[3]); a run that failed before any test could (a build error) still counts as one failure.
// With --sum, adds up such lines from the files given instead.
const fs = require("fs");
const args = process.argv.slice(2);
if (args[0] === "--sum") {
  const total = [0, 0, 0];
  for (const file of args.slice(1)) {
    const line = (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "").trim().split("\n").pop() ?? "";
    const m = /^(\d+) passed, (\d+) failed, (\d+) skipped$/.exec(line);
    if (!m)
      total[1] += 1; // a leg that printed no summary failed
    else m.slice(1).forEach((n, i) => (total[i] += Number(n)));
  }
  console.log(`${total[0]} passed, ${total[1]} failed, ${total[2]} skipped`);
} else {
  let r = {};
  try {
    r = JSON.parse(fs.readFileSync(args[0], "utf8"));
  } catch {}
  const passed = r.numPassedTests ?? 0;
  const failed = Math.max(r.numFailedTests ?? 0, args[1] !== "0" ? 1 : 0);
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
}
