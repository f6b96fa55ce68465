import { data } from "react-router";

/** Any address that matches no page. */
export function loader() {
  throw data({ reason: "not_found" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
