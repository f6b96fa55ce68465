import { defineMessages } from "../define.ts";

export const exitsMessages = defineMessages({
  sv: {},
  nb: {},
  en: {},
});
