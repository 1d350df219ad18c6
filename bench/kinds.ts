/**
 * The resource kinds the benchmark compares, each declared by the program in bench/program/index.js. To
 * add one (e.g. the provider plugin's resource), add a case there and an entry here; every section of the
 * benchmark then measures it too.
 */

import {
  ALWAYS_SECRET,
  BINDING_OUTPUTS,
  DYNAMIC_BINDING_TYPE,
  PLUGIN_BINDING_TYPE,
  URN_INPUT,
} from "../provider/contract";
import type { ProviderProcess } from "./startCost";

export interface ResourceKind {
  /** Names the kind in results.json. */
  name: string;
  /** Stack config `kind` of the program: which resource it declares. */
  program: string;
  /** More stack config for this kind. */
  config?: Record<string, string>;
  /** What the tables call it. */
  label: string;
  /** The type token, to find its resources in the state. */
  type: string;
  /** Whether its steps call the API (emulator call counts and throttled vending apply). */
  callsApi: boolean;
  /** The process that serves it: the dynamic-provider host (default) or the plugin. */
  provider?: ProviderProcess;
}

export const KINDS: readonly ResourceKind[] = [
  {
    name: "binding",
    program: "binding",
    label: "SecureMobilePhoneBinding (dynamic)",
    type: DYNAMIC_BINDING_TYPE,
    callsApi: true,
  },
  // The same with the quota known (the pace starts at 1000/s instead of learning from 10/s): what the
  // limiter's cold start costs a step that makes N calls at once (refresh).
  {
    name: "binding-known-quota",
    program: "binding",
    config: { "alicloud-secure-phone:maxRequestsPerSecond": "1000" },
    label: "the same, maxRequestsPerSecond 1000",
    type: DYNAMIC_BINDING_TYPE,
    callsApi: true,
  },
  {
    name: "plugin",
    program: "plugin",
    label: "SecureMobilePhoneBinding (provider plugin)",
    type: PLUGIN_BINDING_TYPE,
    callsApi: true,
    provider: "plugin",
  },
  {
    name: "noop",
    program: "noop",
    label: "no-op dynamic resource",
    type: "pulumi-nodejs:dynamic/bench:Noop",
    callsApi: false,
  },
  // The no-op with the property bag the dynamic binding registers (its outputs, the given inputs, its URN;
  // the same secret outputs): what a resource of this shape costs the engine, @pulumi/pulumi and the
  // dynamic-provider host before any provider code runs, the floor of the dynamic binding's own.
  {
    name: "noop-shaped",
    program: "noop-shaped",
    config: {
      properties: JSON.stringify([...BINDING_OUTPUTS, URN_INPUT]),
      secretOutputs: JSON.stringify(ALWAYS_SECRET),
    },
    label: "no-op with the binding's properties",
    type: "pulumi-nodejs:dynamic/bench:NoopShaped",
    callsApi: false,
  },
];

/** The kind every other is compared with. */
export const BASELINE = "noop";
