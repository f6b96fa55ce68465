/** The path as logged: a secret in the path (a calendar feed's, a survey link's token) never reaches the log. */
export function loggedPath(path: string): string {
  if (path.startsWith("/calendar/")) return "/calendar/[feed]";
  if (path.startsWith("/s/")) return "/s/[token]";
  return path;
}
