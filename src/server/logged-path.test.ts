import { expect, it } from "vitest";
import { loggedPath } from "./logged-path.ts";

it("keeps the secrets of calendar feeds and survey links out of the request log", () => {
  expect(loggedPath("/calendar/abc123.ics")).toBe("/calendar/[feed]");
  expect(loggedPath("/s/Zm9vYmFy")).toBe("/s/[token]");
  expect(loggedPath("/schedule")).toBe("/schedule");
  expect(loggedPath("/surveys")).toBe("/surveys");
});
