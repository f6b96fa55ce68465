import { defineMessages } from "../define.ts";

export const journalMessages = defineMessages({
  sv: {},
  nb: {},
  en: {},
});
