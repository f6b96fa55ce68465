import type { Translator } from "../../i18n/index.ts";

/** A person as the reader may see them: the service leaves the name out (null) for a protected identity. */
export interface PersonLabelLike {
  reference: string;
  name: string | null;
}

/** The name, or "protected identity" with the reference. */
export function personText(t: Translator, person: PersonLabelLike): string {
  return person.name ?? t("person.maskedName", { reference: person.reference });
}
