/**
 * The CSDL version $metadata states, in XML (`Version`) and JSON (`$Version`), and so the
 * `OData-Version` of a $metadata response: 4.0, for every client.
 *
 * A document may say 4.0 when it uses nothing that only 4.01 has, and Headgate's model can express
 * none of that: no `Edm.Untyped`, no key-less entity types, no `Scale="floating"`, no nullable
 * entity sets or singletons, no type specialization, no operations with optional parameters. What
 * it does write is all 4.0: the primitive types of `EDM_PRIMITIVE_TYPES`, `Scale="variable"`,
 * `Nullable` on collections, terms with `AppliesTo`, and the annotation expressions of
 * csdl-annotations.ts. CSDL JSON came with 4.01, but its `$Version` may say 4.0 and then describes
 * a 4.0 model like the XML does.
 *
 * Saying 4.0 matters: 4.0 clients may read nothing else, and some generators treat any other
 * version as OData v2 (the SAP Cloud SDK's reads `Version="4.01"` as v2 and crashes). A 4.01 client
 * reads a 4.0 document as well. If the model ever gains a 4.01-only construct, the document must
 * say 4.01 only to clients whose `OData-MaxVersion` allows it, and leave the construct out for the
 * others; csdl-xml.test.ts lists what the renderer may write.
 */
export const CSDL_VERSION = "4.0";

export type CsdlVersion = typeof CSDL_VERSION;
