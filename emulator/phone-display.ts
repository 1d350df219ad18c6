/**
 * How the emulator's ResourceDirectoryMaster GetAccount shows a member's secure phone (`SecureMobilePhone`):
 * the real service returns that field undocumented, full or masked in a pattern of its choosing, and older
 * deployments leave it out. A setting chooses which of the three the emulator plays, so a program can be
 * tested against each. Pure rules apart from the one mutable setting.
 */
export type ShowPhone = "absent" | "masked" | "full";

export const SHOW_PHONE_MODES: readonly ShowPhone[] = ["absent", "masked", "full"];

export function isShowPhone(value: unknown): value is ShowPhone {
  return typeof value === "string" && (SHOW_PHONE_MODES as readonly string[]).includes(value);
}

/**
 * The field's value for a bound `<country>-<number>` in `mode`, or undefined to leave the field out.
 * `masked` is the vendor console's style, on purpose unlike the provider's own maskPhone (`1-650****0100`):
 * no dash, the country code kept, and one `*` per hidden digit, e.g. `1-6505550123` → `1650*****23`.
 * Shown digits: the first three and the last two from ten digits on, the first one and the last two from
 * seven, only the last two below that. Deterministic, so tests can expect an exact value.
 */
export function shownPhone(phone: string, mode: ShowPhone): string | undefined {
  if (mode === "absent") return undefined;
  const match = /^(\d{1,3})-(\d+)$/.exec(phone);
  if (!match) return undefined; // the directory holds only well-formed numbers; never echo anything else
  const [, country, number] = match;
  if (mode === "full") return `${country}-${number}`;
  const head = number.length >= 10 ? 3 : number.length >= 7 ? 1 : 0;
  const tail = Math.min(2, number.length - 1);
  const hidden = "*".repeat(number.length - head - tail);
  return `${country}${number.slice(0, head)}${hidden}${number.slice(number.length - tail)}`;
}

/** The emulator's current mode: set at start, changeable while it runs (one process, many test cases). */
export class PhoneDisplay {
  private current: ShowPhone;

  constructor(mode: ShowPhone = "masked") {
    this.current = PhoneDisplay.checked(mode);
  }

  get mode(): ShowPhone {
    return this.current;
  }

  set(mode: ShowPhone): void {
    this.current = PhoneDisplay.checked(mode);
  }

  private static checked(mode: unknown): ShowPhone {
    if (!isShowPhone(mode)) throw new Error(`showPhone must be one of ${SHOW_PHONE_MODES.join(", ")}`);
    return mode;
  }
}
