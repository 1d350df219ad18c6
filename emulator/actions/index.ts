/**
 * Routing table: one server answers two products, told apart by the version (the `Version` parameter, or the
 * `x-acs-version` header): the client points both endpoints at the same URL. Each product serves every
 * action the emulator has; only GetAccount and ListAccounts answer differently.
 */
import { bindSecureMobilePhone } from "./bind-secure-mobile-phone";
import { createResourceAccount } from "./create-resource-account";
import { getAccount, getAccountWithPhoneStatus } from "./get-account";
import { getResourceDirectory } from "./get-resource-directory";
import { listAccountsHandler } from "./list-accounts";
import { sendVerificationCodeForBindSecureMobilePhone } from "./send-verification-code";
import type { ActionHandler } from "./types";

export type { ActionContext, ActionHandler, ActionResult } from "./types";

export const RESOURCE_MANAGER_VERSION = "2020-03-31" as const;
export const RESOURCE_DIRECTORY_MASTER_VERSION = "2022-04-19" as const;

export interface Product {
  /** As in the error body's Recommend link. */
  readonly name: "ResourceManager" | "ResourceDirectoryMaster";
  /** HostId when the request has no Host header. */
  readonly defaultHost: string;
  readonly actions: ReadonlyMap<string, ActionHandler>;
}

/** The same actions in both products, apart from the reads that differ. */
function actionsWith(getAccountHandler: ActionHandler, listAccounts: ActionHandler): Map<string, ActionHandler> {
  return new Map<string, ActionHandler>([
    ["SendVerificationCodeForBindSecureMobilePhone", sendVerificationCodeForBindSecureMobilePhone],
    ["BindSecureMobilePhone", bindSecureMobilePhone],
    ["GetAccount", getAccountHandler],
    ["CreateResourceAccount", createResourceAccount],
    ["ListAccounts", listAccounts],
    ["GetResourceDirectory", getResourceDirectory],
  ]);
}

const RESOURCE_MANAGER: Product = {
  name: "ResourceManager",
  defaultHost: "resourcemanager.aliyuncs.com",
  actions: actionsWith(getAccount, listAccountsHandler(RESOURCE_MANAGER_VERSION)),
};

const RESOURCE_DIRECTORY_MASTER: Product = {
  name: "ResourceDirectoryMaster",
  defaultHost: "resourcedirectory.aliyuncs.com",
  actions: actionsWith(getAccountWithPhoneStatus, listAccountsHandler(RESOURCE_DIRECTORY_MASTER_VERSION)),
};

/** Every (version, action) served, for docs and tests. */
export function servedActions(): { version: string; action: string }[] {
  return [...PRODUCTS].flatMap(([version, product]) =>
    [...product.actions.keys()].map((action) => ({ version, action })),
  );
}

const PRODUCTS = new Map<string, Product>([
  [RESOURCE_MANAGER_VERSION, RESOURCE_MANAGER],
  [RESOURCE_DIRECTORY_MASTER_VERSION, RESOURCE_DIRECTORY_MASTER],
]);

/** The product a Version belongs to; Resource Manager for unknown versions (used for error bodies). */
export function productOf(version: string | undefined): Product {
  return (version !== undefined && PRODUCTS.get(version)) || RESOURCE_MANAGER;
}

/** The handler for (Version, Action), if that API exists. */
export function route(version: string, action: string): ActionHandler | undefined {
  return PRODUCTS.get(version)?.actions.get(action);
}
