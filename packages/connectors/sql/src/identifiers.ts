/**
 * Database names to OData identifiers. Column and table names may hold spaces, dashes, dots or
 * start with a digit; OData names may not. The mapping is deterministic, keeps valid names as
 * they are, and never gives two columns of one table the same property name.
 */
import { isSimpleIdentifier } from "@headgate/model";

const IDENTIFIER_CHARACTER = /^[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]$/u;
const IDENTIFIER_LEAD = /^[\p{L}\p{Nl}_]/u;

/** The nearest valid OData identifier: invalid characters become `_`, a digit gets a `_` lead. */
export function toIdentifier(name: string): string {
  if (isSimpleIdentifier(name) && name !== "__proto__") return name;
  const characters = [...name].map((c) => (IDENTIFIER_CHARACTER.test(c) ? c : "_")).join("");
  const led = characters === "" ? "_" : IDENTIFIER_LEAD.test(characters) ? characters : `_${characters}`;
  const clipped = [...led].slice(0, 128).join("");
  return clipped === "__proto__" ? "proto_" : clipped;
}

/**
 * Hands out unique names: the first asker of a name keeps it, later ones get `_2`, `_3`...
 * `caseInsensitive` treats `Jobs` and `jobs` as the same name (entity set lookup ignores case).
 */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(private readonly caseInsensitive: boolean) {}

  private normal(name: string): string {
    return this.caseInsensitive ? name.toLowerCase() : name;
  }

  reserve(name: string): void {
    this.taken.add(this.normal(name));
  }

  has(name: string): boolean {
    return this.taken.has(this.normal(name));
  }

  allocate(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.taken.has(this.normal(name)); n++) {
      const suffix = `_${n}`;
      name = [...wanted].slice(0, 128 - suffix.length).join("") + suffix;
    }
    this.taken.add(this.normal(name));
    return name;
  }
}

/** `jobs` -> `job`, `companies` -> `company`, `staff` -> `staffRow`: an entity type name. */
export function entityTypeName(entitySet: string): string {
  if (/[^s]ies$/i.test(entitySet)) return `${entitySet.slice(0, -3)}y`;
  if (/(ss|x|z|ch|sh)es$/i.test(entitySet)) return entitySet.slice(0, -2);
  if (/[^su]s$/i.test(entitySet)) return entitySet.slice(0, -1);
  return `${entitySet}Row`;
}
