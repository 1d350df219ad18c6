// Loaded with `node --require` through NODE_OPTIONS by bench/profile.ts: Node 20 refuses --cpu-prof in
// NODE_OPTIONS, so this starts V8's profiler through the inspector and writes the profile into
// CPU_PROFILE_DIR when the process ends (exit, or the SIGINT/SIGTERM the engine stops its plugins with).
// Plain JavaScript: node loads it before any compiler.
const inspector = require("node:inspector");
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // The in-thread session answers synchronously, so this works inside an exit handler.
    session.post("Profiler.stop", (error, result) => {
      if (!error) writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on("exit", write);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      write();
      process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    });
  }
}
