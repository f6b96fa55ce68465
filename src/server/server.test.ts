import { describe, expect, it } from "vitest";
import { clientIp } from "./app.ts";
import { clearSessionCookie, csrfCookie, readCookie, sessionCookie, sessionCookieName } from "./cookies.ts";
import { withHeader } from "./security.ts";

describe("cookies", () => {
  it("are HttpOnly and SameSite=Lax; over https Secure with the __Host- prefix", () => {
    expect(sessionCookie("sps_abc", false)).toBe("spelplan_session=sps_abc; Path=/; HttpOnly; SameSite=Lax");
    expect(sessionCookie("sps_abc", true)).toBe("__Host-spelplan_session=sps_abc; Path=/; HttpOnly; Secure; SameSite=Lax");
    expect(csrfCookie("t", true)).toContain("__Host-spelplan_csrf=t; Path=/; HttpOnly; Secure; SameSite=Lax");
    expect(clearSessionCookie(false)).toContain("Max-Age=0");
    expect(readCookie("a=1; spelplan_session=sps_x; b=2", sessionCookieName(false))).toBe("sps_x");
    expect(readCookie(undefined, "x")).toBeUndefined();
  });
});

describe("client address", () => {
  it("uses the address the trusted proxy added (the last), never what the client wrote before it", () => {
    const headers = new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" });
    expect(clientIp(headers, () => "10.0.0.1", true)).toBe("203.0.113.9");
    expect(clientIp(headers, () => "10.0.0.1", false)).toBe("10.0.0.1");
    expect(clientIp(new Headers(), () => null, true)).toBeNull();
  });
});

describe("headers on responses", () => {
  it("appends to mutable and to immutable responses alike", async () => {
    const mutable = withHeader(new Response("x"), "Set-Cookie", "a=1");
    expect(mutable.headers.get("set-cookie")).toBe("a=1");
    const immutable = Response.redirect("http://example.test/", 302);
    const copy = withHeader(immutable, "Set-Cookie", "b=2");
    expect(copy.status).toBe(302);
    expect(copy.headers.get("set-cookie")).toBe("b=2");
    expect(copy.headers.get("location")).toBe("http://example.test/");
  });
});
