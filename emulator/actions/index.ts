/**
 * Routing table: one server answers two products, told apart by the Version parameter
 * (the client points both endpoints at the same URL).
 */
import { bindSecureMobilePhone } from "./bind-secure-mobile-phone";
import { createResourceAccount } from "./create-resource-account";
import { getAccount, getAccountWithPhoneStatus } from "./get-account";
import { getResourceDirectory } from "./get-resource-directory";
import { listAccounts } from "./list-accounts";
import { sendVerificationCodeForBindSecureMobilePhone } from "./send-verification-code";
import type { ActionHandler } from "./types";

export type { ActionContext, ActionHandler, ActionResult } from "./types";

export const RESOURCE_MANAGER_VERSION = "2020-03-31";
export const RESOURCE_DIRECTORY_MASTER_VERSION = "2022-04-19";

export interface Product {
  /** As in the error body's Recommend link. */
  readonly name: "ResourceManager" | "ResourceDirectoryMaster";
  /** HostId when the request has no Host header. */
  readonly defaultHost: string;
  readonly actions: ReadonlyMap<string, ActionHandler>;
}

const RESOURCE_MANAGER: Product = {
  name: "ResourceManager",
  defaultHost: "resourcemanager.aliyuncs.com",
  actions: new Map<string, ActionHandler>([
    ["SendVerificationCodeForBindSecureMobilePhone", sendVerificationCodeForBindSecureMobilePhone],
    ["BindSecureMobilePhone", bindSecureMobilePhone],
    ["GetAccount", getAccount],
    ["CreateResourceAccount", createResourceAccount],
    ["ListAccounts", listAccounts],
    ["GetResourceDirectory", getResourceDirectory],
  ]),
};

const RESOURCE_DIRECTORY_MASTER: Product = {
  name: "ResourceDirectoryMaster",
  defaultHost: "resourcedirectory.aliyuncs.com",
  actions: new Map<string, ActionHandler>([["GetAccount", getAccountWithPhoneStatus]]),
};

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
