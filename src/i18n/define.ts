// Messages for one feature, in all three languages. Swedish decides the keys; Norwegian and English
// must have exactly the same ones (the type checks it). Each feature's file is merged into the catalogs.
export function defineMessages<const S extends Record<string, string>>(messages: {
  sv: S;
  nb: { [K in keyof S]: string };
  en: { [K in keyof S]: string };
}) {
  return messages;
}
