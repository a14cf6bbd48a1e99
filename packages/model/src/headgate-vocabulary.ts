/**
 * The Headgate vocabulary, `Headgate.Vocabulary.V1`, written into every $metadata document so the
 * document is self-contained (there is no published URL to reference it by).
 *
 * - `Pushdown` (on a property): a `PushdownCapabilities` record, `{ Filter: [operators], Sortable }`,
 *   listing the filter operators and functions the upstream evaluates itself on that property
 *   and whether it orders by it. It is a performance hint, not a restriction: Headgate filters and
 *   sorts on every property, evaluating whatever the upstream cannot. Absent means the upstream
 *   does none of that work for the property.
 * - `Searchable` (on a property): `true` when the property takes part in `$search` matching.
 *
 * Standard Capabilities terms are used only for true restrictions (FilterRestrictions with
 * RequiredProperties), never NonFilterable/NonSortable lists, which would be false here.
 */
import { allowedValuesAnnotation, type CsdlAnnotation, describedAs } from "./csdl-annotations.ts";
import { type EdmPrimitiveType, PUSHABLE_OPERATORS } from "./types.ts";
import { HEADGATE_VOCABULARY } from "./vocabularies.ts";

export interface VocabularyProperty {
  readonly name: string;
  readonly type: EdmPrimitiveType;
  readonly collection: boolean;
  readonly annotations: readonly CsdlAnnotation[];
}

export interface VocabularyComplexType {
  readonly name: string;
  readonly properties: readonly VocabularyProperty[];
  readonly annotations: readonly CsdlAnnotation[];
}

export interface VocabularyTerm {
  readonly name: string;
  /** Qualified type name. */
  readonly type: string;
  readonly appliesTo: readonly string[];
  readonly annotations: readonly CsdlAnnotation[];
}

export interface VocabularySchema {
  readonly namespace: string;
  readonly annotations: readonly CsdlAnnotation[];
  readonly complexTypes: readonly VocabularyComplexType[];
  readonly terms: readonly VocabularyTerm[];
}

const PUSHDOWN_TYPE = "PushdownCapabilities";

export const HEADGATE_VOCABULARY_SCHEMA: VocabularySchema = {
  namespace: HEADGATE_VOCABULARY,
  annotations: describedAs(
    "Headgate terms. Every property of a Headgate entity set can be filtered and sorted: the gateway " +
      "evaluates whatever the upstream system cannot. These terms tell which work the upstream does " +
      "itself, which is faster on large entity sets.",
  ),
  complexTypes: [
    {
      name: PUSHDOWN_TYPE,
      annotations: describedAs("What the upstream system evaluates itself for one property."),
      properties: [
        {
          name: "Filter",
          type: "Edm.String",
          collection: true,
          annotations: [
            ...describedAs(
              "Filter operators and functions the upstream evaluates on this property; Headgate " +
                "evaluates the others after reading.",
            ),
            allowedValuesAnnotation("Edm.String", PUSHABLE_OPERATORS),
          ],
        },
        {
          name: "Sortable",
          type: "Edm.Boolean",
          collection: false,
          annotations: describedAs("The upstream orders by this property; otherwise Headgate sorts."),
        },
      ],
    },
  ],
  terms: [
    {
      name: "Pushdown",
      type: `${HEADGATE_VOCABULARY}.${PUSHDOWN_TYPE}`,
      appliesTo: ["Property"],
      annotations: describedAs(
        "Work the upstream system does itself for this property. A performance hint, not a " +
          "restriction: without it Headgate still filters and sorts on the property.",
      ),
    },
    {
      name: "Searchable",
      type: "Edm.Boolean",
      appliesTo: ["Property"],
      annotations: describedAs("The property takes part in $search matching."),
    },
  ],
};
