import { describe, expect, it } from "vitest";
import { pagePath, safeReturnTo, signInPath } from "./guards.server.ts";

describe("navigation guards", () => {
  it("treats React Router's data requests as the page they load", () => {
    expect(pagePath(new Request("http://x/account/password.data"))).toBe("/account/password");
    expect(pagePath(new Request("http://x/_root.data"))).toBe("/");
    expect(pagePath(new Request("http://x/people"))).toBe("/people");
  });

  it("sends people to sign in and back to the page they asked for", () => {
    expect(signInPath(new Request("http://x/"))).toBe("/sign-in");
    expect(signInPath(new Request("http://x/people.data?q=ella&_routes=routes%2Fpeople"))).toBe("/sign-in?returnTo=%2Fpeople%3Fq%3Della");
  });

  it("only returns to pages on this site after sign-in", () => {
    expect(safeReturnTo("/people?q=a")).toBe("/people?q=a");
    for (const evil of ["https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/%09/evil.example".replace("%09", "\t"), "javascript:alert(1)", null, undefined, ""]) {
      expect(safeReturnTo(evil)).toBe("/");
    }
  });
});
