import { type Currency, formatMoney, type Minor } from "../../../domain/money.ts";
import type { Translator } from "../../../i18n/index.ts";
import { personText } from "../../lib/person-label.ts";

/** A participant as the reader may see them (the service masks protected identity). */
export interface TravelPersonLike {
  personId: string;
  reference: string;
  name: string | null;
}

/** The name, or "protected identity" with the reference. */
export const travelPersonLabel: (t: Translator, person: TravelPersonLike) => string = personText;

/** An amount in the reader's language: "1 234,50 kr", "SEK 1,234.50". */
export function money(t: Translator, minor: Minor, currency: Currency): string {
  return formatMoney(minor, currency, t.locale);
}

/** What the budget form shows for an amount: "1234,50", which it reads back exactly. */
export function amountForInput(minor: Minor): string {
  return `${Math.floor(minor / 100)},${String(minor % 100).padStart(2, "0")}`;
}
