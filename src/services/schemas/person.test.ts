import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "./common.ts";
import { personInputSchema } from "./person.ts";

const schema = personInputSchema("2026-11-23");
const errorsOf = (input: Record<string, unknown>) => {
  const result = schema.safeParse(input);
  return result.success ? {} : zodFieldErrors(result.error).fieldErrors;
};

describe("person input", () => {
  it("accepts a person with an identity number and derives the birth date from it", () => {
    const result = schema.parse({ firstName: " Ella ", lastName: "Johansson", idNumber: "010314-2386", sex: "female" });
    expect(result).toMatchObject({ firstName: "Ella", birthDate: "2001-03-14", identity: { canonical: "200103142386" }, preferredLanguage: "sv", protectedIdentity: false });
  });

  it("reports every problem at once, each at its own field", () => {
    expect(errorsOf({ firstName: "", lastName: "Karlsson", idNumber: "19811218-9875", email: "x@", phone: "abc" })).toEqual({
      firstName: ["errors.required"],
      idNumber: ["person.errors.idNumber.checksum"],
      sex: ["errors.choose"],
      email: ["errors.email"],
      phone: ["errors.phone"],
    });
  });

  it("requires a birth date without identity number, and one that is not in the future", () => {
    expect(errorsOf({ firstName: "A", lastName: "B", sex: "male" })).toEqual({ birthDate: ["person.errors.birthDate.requiredWithoutIdNumber"] });
    expect(errorsOf({ firstName: "A", lastName: "B", sex: "male", birthDate: "2026-11-24" })).toEqual({ birthDate: ["person.errors.birthDate.future"] });
    expect(errorsOf({ firstName: "A", lastName: "B", sex: "male", birthDate: "2026-11-23" })).toEqual({});
    expect(errorsOf({ firstName: "A", lastName: "B", sex: "male", birthDate: "23/11/2001" })).toEqual({ birthDate: ["errors.date"] });
  });

  it("checks that a given birth date matches the identity number", () => {
    expect(errorsOf({ firstName: "A", lastName: "B", sex: "male", idNumber: "811218-9876", birthDate: "1981-12-19" })).toEqual({ birthDate: ["person.errors.birthDate.mismatch"] });
    expect(errorsOf({ firstName: "A", lastName: "B", sex: "male", idNumber: "811218-9876", birthDate: "1981-12-18" })).toEqual({});
  });

  it("does not also ask for a birth date when the identity number is only mistyped", () => {
    expect(errorsOf({ firstName: "A", lastName: "B", sex: "male", idNumber: "8112189" })).toEqual({ idNumber: ["person.errors.idNumber.format"] });
  });

  it("reads the checkbox and text values that HTML forms send", () => {
    expect(schema.parse({ firstName: "A", lastName: "B", sex: "other", birthDate: "2000-01-01", protectedIdentity: "on", version: "3" })).toMatchObject({ protectedIdentity: true, version: 3 });
  });
});
