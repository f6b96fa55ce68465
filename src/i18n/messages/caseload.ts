import { defineMessages } from "../define.ts";

export const caseloadMessages = defineMessages({
  sv: {},
  nb: {},
  en: {},
});
