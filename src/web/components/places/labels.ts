import type { Translator } from "../../../i18n/index.ts";

/** A person as the reader may see them: the name, or "Protected identity (P-…)" when it is masked. */
export function placedLabel(t: Translator, person: { name: string | null; reference: string }): string {
  return person.name ?? t("person.maskedName", { reference: person.reference });
}
