/** RFC 8288 `Link` headers as Procore (and GitHub-style APIs) send them: `<url>; rel="next", ...`. */
export function parseLinkHeader(header: string | null): Map<string, string> {
  const links = new Map<string, string>();
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    const rel = match?.[2] ? /rel="?([^";]+)"?/i.exec(match[2])?.[1] : undefined;
    if (match?.[1] && rel) for (const name of rel.trim().split(/\s+/)) links.set(name, match[1]);
  }
  return links;
}
