import type { FieldMetadata } from "@conform-to/react";
import { Select, TextField, Textarea } from "@navikt/ds-react";
import type { ComponentProps, ReactNode } from "react";
import { useFieldError } from "../lib/forms.tsx";

type Field = Pick<FieldMetadata<unknown>, "id" | "name" | "initialValue" | "errors">;

function initial(field: Field): string | undefined {
  return typeof field.initialValue === "string" ? field.initialValue : undefined;
}

/** Aksel's TextField wired to a Conform field: id, name, what was typed, and the translated error. */
export function TextInput({ field, ...props }: { field: Field } & Omit<ComponentProps<typeof TextField>, "id" | "name" | "defaultValue" | "error">) {
  const fieldError = useFieldError();
  return <TextField id={field.id} name={field.name} defaultValue={initial(field)} error={fieldError(field)} {...props} />;
}

export function TextArea({ field, ...props }: { field: Field } & Omit<ComponentProps<typeof Textarea>, "id" | "name" | "defaultValue" | "error">) {
  const fieldError = useFieldError();
  return <Textarea id={field.id} name={field.name} defaultValue={initial(field)} error={fieldError(field)} {...props} />;
}

export function SelectInput({
  field,
  children,
  ...props
}: { field: Field; children: ReactNode } & Omit<ComponentProps<typeof Select>, "id" | "name" | "defaultValue" | "error" | "children">) {
  const fieldError = useFieldError();
  return (
    <Select id={field.id} name={field.name} defaultValue={initial(field)} error={fieldError(field)} {...props}>
      {children}
    </Select>
  );
}
