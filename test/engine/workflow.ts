/**
 * What the official Pulumi action (pulumi/actions) runs for a workflow's step, read from the workflow file
 * itself so that the engine test and the workflow cannot drift apart. The action calls the Automation API:
 * `stack.preview(options)` with the options it builds from the step's `with:` inputs (its src/config.ts);
 * the inputs that shape the preview are mapped here the same way, the ones that only say where to post or
 * which stack to select are left to the test.
 */

import { readFileSync } from "node:fs";
import type { automation } from "@pulumi/pulumi";

export interface PulumiActionStep {
  command: string;
  /** The Automation API options the action passes to stack.preview. */
  previewOptions: automation.PreviewOptions;
  /** `refresh: true` would refresh (API calls) before the preview. */
  refresh: boolean;
  inputs: Readonly<Record<string, string>>;
}

export function pulumiActionStep(workflowPath: string): PulumiActionStep {
  // js-yaml comes with @pulumi/pulumi (its Automation API reads stack settings with it).
  const yaml = require("js-yaml") as { load(text: string): unknown };
  const workflow = yaml.load(readFileSync(workflowPath, "utf8")) as {
    jobs?: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
  };
  const steps = Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
  const actionSteps = steps.filter((step) => /^pulumi\/actions@/.test(step.uses ?? ""));
  if (actionSteps.length !== 1)
    throw new Error(`${workflowPath}: expected one pulumi/actions step, found ${actionSteps.length}`);
  // Inputs reach an action as strings, whatever YAML type they were written in.
  const inputs = Object.fromEntries(
    Object.entries(actionSteps[0]!.with ?? {}).map(([key, value]) => [key, String(value)]),
  );
  const bool = (name: string) => inputs[name] === "true";
  const list = (name: string) =>
    inputs[name]
      ? inputs[name]!.split(/[\n,]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  const previewOptions: automation.PreviewOptions = {
    diff: bool("diff"),
    expectNoChanges: bool("expect-no-changes"),
    ...(inputs.parallel ? { parallel: Number(inputs.parallel) } : {}),
    ...(list("target") ? { target: list("target") } : {}),
    ...(list("replace") ? { replace: list("replace") } : {}),
    ...(bool("target-dependents") ? { targetDependents: true } : {}),
    ...(inputs.message ? { message: inputs.message } : {}),
    ...(list("policyPacks") ? { policyPacks: list("policyPacks") } : {}),
    ...(list("policyPackConfigs") ? { policyPackConfigs: list("policyPackConfigs") } : {}),
  };
  return { command: inputs.command ?? "", previewOptions, refresh: bool("refresh"), inputs };
}
