/**
 * Reads a V8 CPU profile (what node --cpu-prof writes) into what a reader needs: self time per function,
 * per package, and whether the process was a provider (the dynamic-provider host or this package's plugin).
 * Pure: a profile in, figures out.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  isProvider: boolean;
  wallMs: number;
  /** Sampled time outside (idle) and (program)'s waiting: the process on CPU. */
  busyMs: number;
  top: { functionName: string; where: string; selfMs: number }[];
  byPackage: [string, number][];
}

const PROVIDER = /cmd\/dynamic-provider|pulumi-resource-alicloud-secure-phone/;
const IDLE = new Set(["(idle)", "(program)"]);

/** `node_modules/@grpc/grpc-js/build/src/x.js` → `@grpc/grpc-js`; node's own modules → `node`; else `(app)`. */
export function packageOf(url: string): string {
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  if (url.startsWith("node:") || url === "") return "node";
  return "(app)";
}

function shortUrl(url: string): string {
  const at = url.lastIndexOf("node_modules/");
  return at >= 0 ? url.slice(at + "node_modules/".length) : url.replace(/^file:\/\//, "");
}

export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const perFunction = new Map<string, { functionName: string; where: string; selfMs: number }>();
  const perPackage = new Map<string, number>();
  let busyMs = 0;
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    const name = frame.functionName || "(anonymous)";
    if (IDLE.has(name)) continue;
    busyMs += ms;
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : "(native)";
    const key = `${name} ${where}`;
    const entry = perFunction.get(key) ?? { functionName: name, where, selfMs: 0 };
    entry.selfMs += ms;
    perFunction.set(key, entry);
    const pkg = frame.url ? packageOf(frame.url) : name === "(garbage collector)" ? "(gc)" : "(native)";
    perPackage.set(pkg, (perPackage.get(pkg) ?? 0) + ms);
  }
  return {
    isProvider: profile.nodes.some((node) => PROVIDER.test(node.callFrame.url)),
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busyMs,
    top: [...perFunction.values()].sort((a, b) => b.selfMs - a.selfMs),
    byPackage: [...perPackage].sort((a, b) => b[1] - a[1]),
  };
}
