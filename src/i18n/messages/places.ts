import { defineMessages } from "../define.ts";

export const placesMessages = defineMessages({
  sv: {},
  nb: {},
  en: {},
});
