/**
 * The contract the SDK (sdk/nodejs) and the provider's adapters share, and the one module of provider/ the
 * SDK imports: what schema.json declares (shape.generated.ts, generated from it), and the few constants the
 * schema does not carry: the values the rules accept where the schema says `string`, and the properties a
 * dynamic binding carries beside its own (`__provider`, `__urn`).
 */
import { BINDING_OUTPUTS, BINDING_SECRET_INPUTS, BINDING_SECRET_OUTPUTS } from "./shape.generated";

export * from "./shape.generated";

/** The only value `inheritSecureMobilePhoneFrom` takes. */
export const MANAGEMENT_ACCOUNT = "ManagementAccount";

export type Site = "international" | "china";
export const SITES: readonly Site[] = ["international", "china"];

/** Where calls go when no endpoint is set (schema.json's descriptions state these; a test keeps them equal). */
export const DEFAULT_ENDPOINT = "https://resourcemanager.aliyuncs.com";
export const DEFAULT_DIRECTORY_ENDPOINTS: Readonly<Record<Site, string>> = {
  china: "https://resourcedirectory.aliyuncs.com",
  international: "https://resourcedirectory-intl.aliyuncs.com",
};

/** The largest maxRequestsPerSecond: far above any API quota, so a larger value is a typo, not a quota. */
export const MAX_REQUESTS_PER_SECOND_LIMIT = 10_000;

/** The serialized provider rides along in every dynamic resource's inputs and outputs. */
export const PROVIDER_KEY = "__provider";

/**
 * The input that carries a dynamic binding's URN to check, which the dynamic-provider host does not pass on
 * (adapters/dynamicUrns.ts); a `__` key: never a stack output, as `__provider`.
 */
export const URN_INPUT = "__urn";

/** Secret whatever the program sent: every property schema.json marks secret, input or output. */
export const ALWAYS_SECRET: readonly string[] = [...new Set([...BINDING_SECRET_INPUTS, ...BINDING_SECRET_OUTPUTS])];

/** Secret inputs the provider never returns (the code): never outputs, so never on a resource object either. */
export const WRITE_ONLY_INPUTS: readonly string[] = BINDING_SECRET_INPUTS.filter(
  (name) => !(BINDING_OUTPUTS as readonly string[]).includes(name),
);
