import { Button } from "@navikt/ds-react";
import type { ReactNode } from "react";
import { Link } from "react-router";

/**
 * A link that looks like a button. It navigates, so it must be announced as a link: Aksel's Button
 * gives any other element role="button", which we override.
 */
export function LinkButton({
  to,
  children,
  variant = "primary",
  size = "medium",
}: {
  to: string;
  children: ReactNode;
  variant?: "primary" | "secondary" | "tertiary";
  size?: "medium" | "small";
}) {
  return (
    <Button as={Link} to={to} variant={variant} size={size} role="link">
      {children}
    </Button>
  );
}
