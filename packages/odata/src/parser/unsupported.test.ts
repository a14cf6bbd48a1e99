import { describe, expect, it } from "vitest";
import { ODataNotImplementedError } from "../errors.ts";
import { parseQueryOptions } from "./query-options.ts";
import { UNSUPPORTED, UNSUPPORTED_CONSTRUCTS, type UnsupportedKey } from "./unsupported.ts";

/** One query per unsupported construct; each must answer 501 naming exactly that construct. */
const EXAMPLES: Record<UnsupportedKey, string> = {
  rollup: "$apply=groupby((rollup(Year,Month)))",
  aggregateFrom: "$apply=aggregate(Amount with sum from Month with average as A)",
  topBottom: "$apply=topcount(2,Amount)",
  nest: "$apply=nest(groupby((A)) as G)",
  join: "$apply=join(Lines as L)",
  hierarchy: "$apply=descendants($root/Nodes,H,ID,filter(true))",
  customAggregate: "$apply=aggregate(Amount with Stats.median as M)",
  customTransformation: "$apply=Stats.clean()",
  aggregatePathCount: "$apply=aggregate(Lines/$count as N)",
  these: "$apply=filter($these/$count gt 0)",
  isdefined: "$filter=isdefined(Name)",
  index: "$index=3",
  schemaversion: "$schemaversion=2",
  deltatoken: "$deltatoken=abc",
  id: "$id=Products(1)",
  typeCast: "$filter=Model.Special/Name eq 'x'",
  root: "$filter=Id in $root/Favourites",
  customFunction: "$filter=Model.Score(x=1) gt 5",
  pathCall: "$filter=Customer/Orders(1)/Amount gt 5",
  pathFilter: "$filter=Orders/$filter(Amount gt 5)/$count gt 1",
  jsonObject: '$filter=Address eq {"City":"Oslo"}',
  geoShape: "$filter=geo.intersects(Area,geography'SRID=4326;MultiPolygon(((0 0,1 0,1 1,0 0))))')",
  geoDimensions: "$filter=geo.distance(P,geography'SRID=4326;Point(1 2 3)') lt 5",
  nestedAlias: "$expand=Orders($filter=Amount gt @min;@min=5)",
  aliasPath: "$filter=@p/City eq 'Oslo'&@p=1",
  expandValue: "$expand=$value",
  annotation: "$select=@Core.Description",
  selectOperation: "$select=Model.Archive",
  searchIncomplete: "$search='blue green'",
};

describe("UNSUPPORTED_CONSTRUCTS", () => {
  it("lists every construct with a name and a reason", () => {
    expect(UNSUPPORTED_CONSTRUCTS).toHaveLength(Object.keys(UNSUPPORTED).length);
    for (const construct of UNSUPPORTED_CONSTRUCTS) {
      expect(construct.name.length).toBeGreaterThan(0);
      expect(construct.why.length).toBeGreaterThan(0);
    }
  });

  it("reports where the construct is, in the whole query", () => {
    expect(() => parseQueryOptions("$top=1&$index=3")).toThrow("(at 7)");
  });

  it.each(Object.entries(EXAMPLES))("%s is answered with 501 naming the construct", (key, query) => {
    const construct = UNSUPPORTED[key as UnsupportedKey];
    let thrown: unknown;
    try {
      parseQueryOptions(query);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ODataNotImplementedError);
    const error = thrown as ODataNotImplementedError;
    expect(error.status).toBe(501);
    expect(error.message.startsWith(`${construct.name} is not supported: ${construct.why} (at `)).toBe(true);
  });
});
