import { data } from "react-router";

// Placeholder: this page is being built.
export function loader() {
  throw data({ reason: "not_found" }, { status: 404 });
}

export default function Placeholder() {
  return null;
}
