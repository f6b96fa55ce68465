import { defineMessages } from "../define.ts";

export const studyVisitsMessages = defineMessages({
  sv: {},
  nb: {},
  en: {},
});
