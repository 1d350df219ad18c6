/**
 * One engine stack for a describe block, the setup the engine tests of one example share: an emulator for
 * the site, the example's project on the real CLI, its stack config, every test starting with an empty call
 * log, and both torn down after the block. `config` runs once the emulator is up, before the project exists,
 * so it can add the members and send the codes the config names. Steps of a block build on each other.
 */

import type { automation } from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startEmulator, type RunningEmulator, type ShowPhone, type Site } from "../../emulator";
import { createPulumiProject, type PulumiCli, type PulumiProject } from "./pulumiProject";

export interface EngineStack {
  /** The emulator and the project, set once the block's setup has run (read them inside hooks and tests). */
  readonly emulator: RunningEmulator;
  readonly project: PulumiProject;
}

export interface EngineStackOptions {
  example: string;
  site: Site;
  /** The stack's config, from the running emulator (its URL, the members and codes added to it). */
  config(emulator: RunningEmulator): automation.ConfigMap | Promise<automation.ConfigMap>;
  /** Runs once the project exists, before its config is set: files a test adds to the example's folder. */
  prepare?(project: PulumiProject): void;
  /** How the engine finds the provider plugin (createPulumiProject's `plugin`). */
  plugin?: "path" | "installed" | "packages";
  /** How the emulator's GetAccount shows a bound number (its default: masked). */
  showPhone?: ShowPhone;
  setupTimeoutMs?: number;
}

export function useEngineStack(cli: PulumiCli, options: EngineStackOptions): EngineStack {
  let emulator: RunningEmulator | undefined;
  let project: PulumiProject | undefined;
  const stack: EngineStack = {
    get emulator() {
      if (!emulator) throw new Error("the engine stack's emulator is read before its setup ran");
      return emulator;
    },
    get project() {
      if (!project) throw new Error("the engine stack's project is read before its setup ran");
      return project;
    },
  };

  beforeAll(async () => {
    emulator = await startEmulator({ site: options.site, showPhone: options.showPhone });
    const config = await options.config(emulator);
    project = await createPulumiProject(options.example, cli, options.plugin ? { plugin: options.plugin } : {});
    options.prepare?.(project);
    await project.stack.setAllConfig(config);
  }, options.setupTimeoutMs ?? 120_000);

  beforeEach(() => emulator?.calls.reset());

  afterAll(async () => {
    project?.dispose();
    await emulator?.close();
  });

  return stack;
}
