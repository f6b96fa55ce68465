import { defineMessages } from "../define.ts";

export const plansMessages = defineMessages({
  sv: {},
  nb: {},
  en: {},
});
