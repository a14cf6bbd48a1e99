/**
 * `@odata.context` URLs: absolute, so that relative URLs in a payload resolve against the
 * service root, and carrying the select list when the response holds a projection (OData JSON
 * §10: `$metadata#Jobs(Job,Name)`, expanded navigation as `Nav(...)`, `/$entity` for one entity).
 */
import type { Row } from "@headgate/model";
import type { ExpandItem, QueryOptions, SelectItem } from "@headgate/odata";

/** `<publicUrl>/odata`: the service root every URL in a response is built from. */
export function serviceRoot(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/odata`;
}

export function metadataUrl(root: string): string {
  return `${root}/$metadata`;
}

/** Context of a collection response; `rows` names the dynamic properties of `$apply` results. */
export function collectionContext(
  root: string,
  entitySet: string,
  options: QueryOptions,
  rows: readonly Row[],
): string {
  return `${metadataUrl(root)}#${encodeURIComponent(entitySet)}${projection(options, rows)}`;
}

/** Context of a single-entity response (`Jobs('1')`). */
export function entityContext(root: string, entitySet: string, options: QueryOptions): string {
  return `${metadataUrl(root)}#${encodeURIComponent(entitySet)}${projection(options, [])}/$entity`;
}

function projection(options: QueryOptions, rows: readonly Row[]): string {
  if (options.apply !== undefined && options.apply.length > 0) {
    const first = rows[0];
    return first === undefined ? "" : `(${Object.keys(first).join(",")})`;
  }
  const list = selectList(options);
  return list === undefined ? "" : `(${list})`;
}

/** The comma-separated select list, or undefined when every property is returned. */
function selectList(options: QueryOptions): string | undefined {
  if (options.select === undefined) return undefined;
  const items = options.select.map(selectItemText);
  for (const expand of options.expand ?? []) {
    const text = expandItemText(expand);
    if (text !== undefined) items.push(text);
  }
  return items.join(",");
}

function selectItemText(item: SelectItem): string {
  return item.kind === "star" ? "*" : item.path.join("/");
}

function expandItemText(item: ExpandItem): string | undefined {
  if (item.path[0] === "*" || item.suffix !== null) return undefined;
  return `${item.path.join("/")}(${selectList(item.options) ?? ""})`;
}
