import { defineMessages } from "../define.ts";

export const wheelMessages = defineMessages({
  sv: {},
  nb: {},
  en: {},
});
