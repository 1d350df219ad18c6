/**
 * Start cost: how long a fresh provider process takes to answer its first `check`, the one every preview
 * and up waits for. The process the engine starts (the program's own @pulumi/pulumi/cmd/dynamic-provider,
 * or the installed plugin's entry) is spawned in the program's folder, as the engine does, and asked over
 * gRPC (Configure, then Check) from the program's own grpc-js and protocol stubs. Measured: spawn until the
 * port is printed, then until Check answers (the provider text loaded, the package required, check run).
 */

import { spawn } from "node:child_process";
import { join } from "node:path";
import { createRequire } from "node:module";

export interface StartCost {
  /** Spawn until the host prints its port. */
  listeningMs: number;
  /** Spawn until the first Check is answered. */
  firstCheckMs: number;
}

/** Which provider process serves a kind: Pulumi's dynamic-provider host, or this package's plugin. */
export type ProviderProcess = "dynamic" | "plugin";

export async function measureStartCost(
  projectDir: string,
  news: Record<string, unknown>,
  env: Record<string, string>,
  provider: { process: ProviderProcess; type: string } = { process: "dynamic", type: "probe" },
): Promise<StartCost> {
  const requireFromProject = createRequire(join(projectDir, "package.json"));
  const grpc = requireFromProject("@grpc/grpc-js");
  const services = requireFromProject("@pulumi/pulumi/proto/provider_grpc_pb.js");
  const messages = requireFromProject("@pulumi/pulumi/proto/provider_pb.js");
  const { Struct } = requireFromProject("google-protobuf/google/protobuf/struct_pb.js");
  const host =
    provider.process === "dynamic"
      ? requireFromProject.resolve("@pulumi/pulumi/cmd/dynamic-provider")
      : join(
          projectDir,
          "node_modules",
          "pulumi-alicloud-secure-phone",
          "lib",
          "provider",
          "cmd",
          "pulumi-resource-alicloud-secure-phone",
          "main.js",
        );

  const started = performance.now();
  // The engine address is not dialled unless the provider logs; check logs nothing.
  const child = spawn(process.execPath, [host, "127.0.0.1:1"], {
    cwd: projectDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^(\d+)\s*$/m.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once("exit", (code) =>
        reject(new Error(`${provider.process} provider process exited (${code}) before listening`)),
      );
    });
    const listeningMs = performance.now() - started;
    const client = new services.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const unary = (method: string, request: unknown) =>
      new Promise<unknown>((resolve, reject) =>
        client[method](request, (error: Error | null, response: unknown) =>
          error ? reject(error) : resolve(response),
        ),
      );
    const configure = new messages.ConfigureRequest();
    configure.setArgs(Struct.fromJavaScript({}));
    await unary("configure", configure);
    const check = new messages.CheckRequest();
    check.setUrn(`urn:pulumi:bench::secure-phone-bench::${provider.type}::probe`);
    check.setOlds(Struct.fromJavaScript({}));
    check.setNews(Struct.fromJavaScript(news));
    const response = (await unary("check", check)) as { getFailuresList(): unknown[] };
    const firstCheckMs = performance.now() - started;
    if (response.getFailuresList().length > 0) throw new Error("the probe's check failed");
    client.close();
    return { listeningMs, firstCheckMs };
  } finally {
    child.kill();
  }
}
