import type { FieldMetadata } from "@conform-to/react";
import { BodyShort, ErrorMessage, Label } from "@navikt/ds-react";
import { useFieldError } from "../../lib/forms.tsx";

type Field = Pick<FieldMetadata<unknown>, "id" | "name" | "errors">;

/**
 * A plain file input with a label, a description and the error at the field. It works without
 * JavaScript (the form must be sent as multipart/form-data).
 */
export function FileInput({ field, label, description, accept }: { field: Field; label: string; description: string; accept: string }) {
  const fieldError = useFieldError();
  const error = fieldError(field);
  const descriptionId = `${field.id}-description`;
  const errorId = `${field.id}-error`;
  return (
    <div className="aksel-form-field aksel-form-field--medium">
      <Label htmlFor={field.id}>{label}</Label>
      <BodyShort id={descriptionId} textColor="subtle">
        {description}
      </BodyShort>
      <input
        type="file"
        id={field.id}
        name={field.name}
        accept={accept}
        aria-describedby={error ? `${descriptionId} ${errorId}` : descriptionId}
        aria-invalid={error ? true : undefined}
        style={{
          padding: "0.5rem",
          border: error ? "2px solid var(--ax-border-danger, #c30000)" : "1px solid var(--ax-border-neutral, #6f7785)",
          borderRadius: "0.25rem",
          maxWidth: "100%",
          font: "inherit",
        }}
      />
      <div id={errorId} aria-live="polite">
        {error ? <ErrorMessage showIcon>{error}</ErrorMessage> : null}
      </div>
    </div>
  );
}
