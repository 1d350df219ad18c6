/**
 * Members a standalone emulator seeds besides the fixtures: `--members N` (ResourceAccounts without a
 * phone, named member-1 … member-N) or a members file. Account IDs come from one deterministic sequence,
 * so the same command line gives the same IDs every time. Errors name the entry and the field, never the
 * value: a value may be a phone number.
 */
import { ACCOUNT_ID_PATTERN, type AccountType, type Directory, type MemberAccount } from "./directory";
import { siteAcceptsPhone, type Site } from "./site";

export interface MemberSpec {
  displayName: string;
  accountId?: string;
  type: AccountType;
  secureMobilePhone?: string;
}

/** Seeded IDs start here: clear of the fixtures (1510000000000001 … 0106, 1520…, 1599…). */
const FIRST_SEEDED_ID = 1510000000010001n;

export function generatedMembers(count: number): MemberSpec[] {
  return Array.from({ length: count }, (_, i) => ({ displayName: `member-${i + 1}`, type: "ResourceAccount" }));
}

/** The members a `--members-file` holds, checked against the site: a JSON list of names or objects. */
export function parseMembersFile(text: string, site: Site): MemberSpec[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("--members-file is not valid JSON; expected a list of display names or objects.");
  }
  if (!Array.isArray(parsed)) throw new Error("--members-file must hold a JSON list (of display names or objects).");
  return parsed.map((entry, index) => memberSpec(entry, index, site));
}

function memberSpec(entry: unknown, index: number, site: Site): MemberSpec {
  const where = `--members-file entry ${index + 1}`;
  if (typeof entry === "string") entry = { displayName: entry };
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw new Error(`${where} must be a display name or an object with displayName.`);
  }
  const { displayName, accountId, type, secureMobilePhone, ...rest } = entry as Record<string, unknown>;
  const unknownField = Object.keys(rest)[0];
  if (unknownField !== undefined) {
    const shown = /^[A-Za-z]{1,40}$/.test(unknownField) ? ` ${unknownField}` : "";
    throw new Error(`${where} has an unknown field${shown}; expected displayName, accountId, type, secureMobilePhone.`);
  }
  if (typeof displayName !== "string" || !/^\S(.{0,48}\S)?$/.test(displayName)) {
    throw new Error(`${where}: displayName must be a text of 1 to 50 characters, not starting or ending with a space.`);
  }
  if (accountId !== undefined && (typeof accountId !== "string" || !ACCOUNT_ID_PATTERN.test(accountId))) {
    throw new Error(`${where}: accountId must be 16 digits, as a string.`);
  }
  if (type !== undefined && type !== "ResourceAccount" && type !== "CloudAccount") {
    throw new Error(`${where}: type must be ResourceAccount or CloudAccount.`);
  }
  if (secureMobilePhone !== undefined) {
    if (typeof secureMobilePhone !== "string" || !siteAcceptsPhone(site, secureMobilePhone)) {
      throw new Error(
        `${where}: secureMobilePhone must be <country code>-<number> that the ${site} site accepts ` +
          `(${site === "china" ? "86-" : "not 86-"}), e.g. ${site === "china" ? "86-13800138000" : "1-6505550100"}.`,
      );
    }
  }
  return {
    displayName,
    type: type ?? "ResourceAccount",
    ...(accountId === undefined ? {} : { accountId }),
    ...(secureMobilePhone === undefined ? {} : { secureMobilePhone }),
  };
}

/** Adds the members to the directory; IDs not given come from the sequence, skipping those in use. */
export function seedMembers(directory: Directory, specs: readonly MemberSpec[]): MemberAccount[] {
  const taken = new Set(directory.accounts().map((a) => a.AccountId));
  for (const spec of specs) if (spec.accountId !== undefined) taken.add(spec.accountId);
  let next = FIRST_SEEDED_ID;
  const nextId = (): string => {
    while (taken.has(String(next))) next += 1n;
    taken.add(String(next));
    return String(next);
  };
  return specs.map((spec, index) => {
    if (directory.isDisplayNameTaken(spec.displayName)) {
      throw new Error(`member ${index + 1}: the display name is already used by another member; give each its own.`);
    }
    const init = {
      displayName: spec.displayName,
      accountId: spec.accountId ?? nextId(),
      ...(spec.secureMobilePhone === undefined ? {} : { secureMobilePhone: spec.secureMobilePhone }),
    };
    try {
      return spec.type === "CloudAccount" ? directory.addCloudAccount(init) : directory.addResourceAccount(init);
    } catch {
      throw new Error(`member ${index + 1}: its accountId is already in use (a fixture or an earlier entry).`);
    }
  });
}
