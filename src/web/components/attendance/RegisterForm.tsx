import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyShort, Button, ErrorMessage, TextField } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { ATTENDANCE_STATUSES, type AttendanceStatus } from "../../../domain/attendance.ts";
import { registerSchema } from "../../../services/schemas/attendance.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import "./attendance.css";

// The register of one session: one form, one line per expected person, one tap per person. Works without
// JavaScript (a plain POST of the whole form); "All present" marks everyone not yet chosen as present and
// saves. Minutes late appear when "late" is chosen (CSS :has, so also without JavaScript).

export interface RegisterFormLine {
  personId: string;
  label: string;
  via: string;
  status: AttendanceStatus | null;
  minutesLate: number | null;
  note: string;
}

const EXCUSED: readonly AttendanceStatus[] = ["absent_with_notice", "sick"];

export function RegisterForm({ lines, ahead, minutes, lastResult }: { lines: RegisterFormLine[]; ahead: boolean; minutes: number; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useSpelForm(registerSchema, lastResult, {
    intent: "save",
    marks: lines.map((l) => ({ personId: l.personId, status: l.status ?? "", minutesLate: l.minutesLate === null ? "" : String(l.minutesLate), note: l.note })),
  });
  const marks = fields.marks.getFieldList();
  const statuses = ahead ? EXCUSED : ATTENDANCE_STATUSES;
  const summaryFields: Record<string, { id: string; errors?: string[] | undefined }> = {};
  marks.forEach((m, i) => {
    const f = m.getFieldset();
    summaryFields[`p${i}`] = f.personId;
    summaryFields[`s${i}`] = f.status;
    summaryFields[`m${i}`] = f.minutesLate;
    summaryFields[`n${i}`] = f.note;
  });
  return (
    <div>
      <FormErrorSummary form={form} fields={summaryFields} />
      <Form method="post" {...getFormProps(form)} data-testid="register">
        <CsrfField />
        {/* The form's default button (Enter in a field saves; it never marks everyone present). */}
        <button type="submit" name="intent" value="save" tabIndex={-1} aria-hidden="true" className="register-default-submit" />
        {!ahead ? (
          <div className="register-actions" style={{ marginBottom: "1rem" }}>
            <Button type="submit" name="intent" value="allPresent" variant="secondary" loading={busy && navigation.formData?.get("intent") === "allPresent"}>
              {t("attendance.register.allPresent")}
            </Button>
            <BodyShort size="small" textColor="subtle">
              {t("attendance.register.allPresentHelp")}
            </BodyShort>
          </div>
        ) : null}
        <ul className="register-lines">
          {marks.map((m, i) => {
            const line = lines[i];
            if (!line) return null;
            const f = m.getFieldset();
            const current = (f.status.initialValue as string | undefined) ?? "";
            const errors = [f.personId, f.status, f.minutesLate].map(fieldError).filter(Boolean);
            const lateError = fieldError(f.minutesLate);
            return (
              <li key={line.personId}>
                <fieldset className={`register-line${errors.length ? " register-line--error" : ""}`} id={f.status.id} aria-describedby={errors.length ? `${f.status.id}-error` : undefined} data-testid="register-line">
                  <legend>
                    {line.label} <span className="register-via">({line.via})</span>
                  </legend>
                  <input type="hidden" name={f.personId.name} value={line.personId} id={f.personId.id} />
                  <div className="register-choices">
                    {statuses.map((status) => (
                      <label key={status} className="register-choice">
                        <input type="radio" name={f.status.name} value={status} defaultChecked={current === status} />
                        {t(`attendance.status.${status}`)}
                      </label>
                    ))}
                    <label className="register-choice">
                      <input type="radio" name={f.status.name} value="" defaultChecked={current === ""} />
                      {t("attendance.status.none")}
                    </label>
                  </div>
                  {errors.length ? (
                    <div id={`${f.status.id}-error`}>
                      {errors.map((e) => (
                        <ErrorMessage key={e} size="small">
                          {e}
                        </ErrorMessage>
                      ))}
                    </div>
                  ) : null}
                  <div className="register-extra">
                    {!ahead ? (
                      <div className={`register-late${lateError ? " register-late--error" : ""}`}>
                        <TextField
                          id={f.minutesLate.id}
                          name={f.minutesLate.name}
                          defaultValue={(f.minutesLate.initialValue as string | undefined) ?? ""}
                          label={t("attendance.register.minutesLate", { name: line.label })}
                          description={t("attendance.register.minutesLateHelp", { minutes })}
                          inputMode="numeric"
                          htmlSize={6}
                          size="small"
                          autoComplete="off"
                        />
                      </div>
                    ) : null}
                    <TextField
                      id={f.note.id}
                      name={f.note.name}
                      defaultValue={(f.note.initialValue as string | undefined) ?? ""}
                      label={t("attendance.register.note", { name: line.label })}
                      error={fieldError(f.note)}
                      maxLength={300}
                      size="small"
                      autoComplete="off"
                    />
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ul>
        <div className="register-actions" style={{ marginTop: "1rem" }}>
          <Button type="submit" name="intent" value="save" loading={busy && navigation.formData?.get("intent") !== "allPresent"}>
            {t("attendance.register.save")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
