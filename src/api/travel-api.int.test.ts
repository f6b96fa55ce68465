import { beforeAll, expect, it } from "vitest";
import type { z } from "zod";
import { apiHarness, type OpenApiDoc, type Problem } from "../../tests/support/api.ts";
import { describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { expectDocumented } from "../../tests/support/openapi.ts";
import type { World } from "../../tests/support/world.ts";
import { TRAVEL_TAG, TravelReportSchema, TravelYearSchema } from "./group/travel.ts";

// Travel money through the JSON API alone: the same services, rules and audit events as the pages; amounts
// as integers of öre with the formatted text beside them; errors as problem documents.

const TRAVEL_PATHS = [
  "/v1/programs/{id}/travel/disbursements",
  "/v1/programs/{id}/travel/disbursements/{disbursementId}/receipt",
  "/v1/programs/{id}/travel/disbursements/{disbursementId}/void",
  "/v1/programs/{id}/travel/{year}",
  "/v1/programs/{id}/travel/{year}/budget",
  "/v1/programs/{id}/travel/{year}/report",
  "/v1/programs/{id}/travel/{year}/report.csv",
  "/v1/programs/{id}/travel/{year}/report.pdf",
];
const NBSP = "\u00a0";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describeEachDatabase("travel-money JSON API", (flavour) => {
  const api = apiHarness(flavour, ["coordinator", "manager", "therapist", "officer", "steering", "volunteer"]);
  const { call, send, read } = api;
  let t: TestDatabase;
  let w: World;

  const base = () => `/v1/programs/${w.programId}/travel`;

  beforeAll(async () => {
    ({ t, w } = api);
    await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01" });
  });

  it("describes exactly its endpoints under its own tag, with the services' schemas", async () => {
    const doc = await read<OpenApiDoc>(await call("/openapi.json"), 200);
    const tagged = Object.keys(doc.paths).filter((p) => Object.values(doc.paths[p]!).some((op) => op.tags?.includes(TRAVEL_TAG)));
    expect(tagged.sort()).toEqual(TRAVEL_PATHS);
    expect(Object.keys(doc.paths["/v1/programs/{id}/travel/disbursements"]!.post!.requestBody!.content).sort()).toEqual(["application/json", "multipart/form-data"]);
    for (const path of TRAVEL_PATHS) for (const op of Object.values(doc.paths[path]!)) expect(op.responses).toHaveProperty("401");
  });

  it("sets the budget, records disbursements exactly (3 × 33,33 kr) and reports them", async () => {
    expect((await send("PUT", `${base()}/2026/budget`, "coordinator", { amount: 100_000 })).status).toBe(204);
    for (let i = 0; i < 3; i++) {
      const res = await send("POST", `${base()}/disbursements`, "coordinator", { personId: w.people.ella, date: "2026-11-10", amount: "33,33", purpose: "Buss", paidBy: "Sara" });
      expect((await read<{ id: string }>(res, 201)).id).toBeTruthy();
    }
    const year = await read<z.infer<typeof TravelYearSchema>>(await send("GET", `${base()}/2026`, "coordinator"), 200);
    expectDocumented(TravelYearSchema, year);
    expect(year.balance).toEqual({
      budget: { minor: 100_000, formatted: `1${NBSP}000,00${NBSP}kr` },
      disbursed: { minor: 9_999, formatted: `99,99${NBSP}kr` },
      balance: { minor: 90_001, formatted: `900,01${NBSP}kr` },
      overspent: false,
    });
    expect(year.disbursements.map((d) => d.amount.minor)).toEqual([3_333, 3_333, 3_333]);
    const filtered = await read<z.infer<typeof TravelYearSchema>>(await send("GET", `${base()}/2026?month=10`, "coordinator"), 200);
    expect(filtered.disbursements).toEqual([]);
    const report = await read<z.infer<typeof TravelReportSchema>>(await send("GET", `${base()}/2026/report`, "manager"), 200);
    expectDocumented(TravelReportSchema, report);
    expect(report.months[10]).toEqual({ month: "2026-11", count: 3, total: { minor: 9_999, formatted: `99,99${NBSP}kr` } });
    expect(report.participants).toEqual([expect.objectContaining({ personId: w.people.ella, name: "Ella Johansson", count: 3, total: expect.objectContaining({ minor: 9_999 }) })]);
    const csv = await call(`${base()}/2026/report.csv`, { as: "coordinator" });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // The byte-order mark is there (a text decoder would drop it, so read the bytes).
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.startsWith("Program;KRUS\r\n")).toBe(true);
    expect(text).toContain("2026-11;3;99,99\r\n");
    const pdf = await call(`${base()}/2026/report.pdf`, { as: "coordinator" });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("takes the receipt as multipart/form-data and hands it back; voids with a reason", async () => {
    const body = new FormData();
    body.set("personId", w.people.ella);
    body.set("date", "2026-11-12");
    body.set("amount", "1 234,50 kr");
    body.set("purpose", "Månadskort");
    body.set("paidBy", "Sara");
    body.set("receipt", new File([PNG], "kvitto.png", { type: "image/png" }));
    const { id } = await read<{ id: string }>(await call(`${base()}/disbursements`, { method: "POST", as: "coordinator", body }), 201);
    const receipt = await call(`${base()}/disbursements/${id}/receipt`, { as: "coordinator" });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await receipt.arrayBuffer())]).toEqual([...PNG]);
    const bad = new FormData();
    for (const [k, v] of body.entries()) if (k !== "receipt") bad.set(k, v);
    bad.set("receipt", new File(["<html>"], "kvitto.png", { type: "image/png" }));
    const refused = await read<Problem>(await call(`${base()}/disbursements`, { method: "POST", as: "coordinator", body: bad }), 422);
    expect(refused.errors?.map((e) => [e.field, e.code])).toEqual([["receipt", "travel.errors.receiptType"]]);

    expect((await send("POST", `${base()}/disbursements/${id}/void`, "coordinator", { reason: "Fel" })).status).toBe(204);
    const again = await read<Problem>(await send("POST", `${base()}/disbursements/${id}/void`, "coordinator", { reason: "Fel" }), 422);
    expect(again.formErrors?.map((e) => e.code)).toEqual(["travel.errors.alreadyVoided"]);
    const year = await read<z.infer<typeof TravelYearSchema>>(await send("GET", `${base()}/2026`, "coordinator"), 200);
    expect(year.disbursements.find((d) => d.id === id)).toMatchObject({ voided: { reason: "Fel" }, amount: { minor: 123_450 } });
    expect(year.balance.disbursed.minor).toBe(9_999);
  });

  it("refuses invalid fields at their names, and everyone but the coordinators and the manager", async () => {
    const invalid = await read<Problem>(await send("POST", `${base()}/disbursements`, "coordinator", { personId: w.people.ella, date: "2026-11-10", amount: "1,005", purpose: "", paidBy: "S" }), 422);
    expect(invalid.errors?.map((e) => [e.field, e.code])).toEqual([
      ["amount", "travel.errors.amount.too_many_decimals"],
      ["purpose", "errors.required"],
    ]);
    for (const user of ["therapist", "officer", "steering", "volunteer"] as const) {
      expect((await send("GET", `${base()}/2026`, user)).status, user).toBe(403);
      expect((await send("PUT", `${base()}/2026/budget`, user, { amount: 1 })).status, user).toBe(403);
      expect((await send("GET", `${base()}/2026/report.csv`, user)).status, user).toBe(403);
    }
    expect((await send("GET", `${base()}/abc`, "coordinator")).status).toBe(404);
    expect((await call(`${base()}/2026`)).status).toBe(401);
  });
});
