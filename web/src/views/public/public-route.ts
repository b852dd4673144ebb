/** The public map lives at /oppen/<area code>, outside the login; null for any other path. */
export function publicMapCode(pathname: string): string | null {
  const match = /^\/oppen\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}
