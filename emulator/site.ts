/**
 * The two Alibaba Cloud sites and their secure-phone rule: the China site (aliyun.com)
 * accepts only mainland numbers (`86-`), the international site (alibabacloud.com)
 * rejects them. Inheriting the management account's phone exists only on the China site.
 */
export type Site = "china" | "international";

const MAINLAND_COUNTRY_CODE = "86";

/** `<1-3 digit country code>-<digits>`; the number part is 4-15 digits (chosen: E.164 bounds). */
const PHONE_PATTERN = /^(\d{1,3})-(\d{4,15})$/;

export function isWellFormedPhone(phone: string): boolean {
  return PHONE_PATTERN.test(phone);
}

/** Whether `site` accepts this (well-formed) number as a secure phone. */
export function siteAcceptsPhone(site: Site, phone: string): boolean {
  const match = PHONE_PATTERN.exec(phone);
  if (!match) return false;
  const isMainland = match[1] === MAINLAND_COUNTRY_CODE;
  return site === "china" ? isMainland : !isMainland;
}

export function siteAllowsInheritance(site: Site): boolean {
  return site === "china";
}

export function isSite(value: string): value is Site {
  return value === "china" || value === "international";
}
