/** The OData collection envelope: context, value, and a next link while more pages remain. */
export function collection(odataContext: string, value: readonly unknown[], nextLink: string | undefined) {
  return {
    "@odata.context": odataContext,
    value,
    ...(nextLink ? { "@odata.nextLink": nextLink } : {}),
  };
}
