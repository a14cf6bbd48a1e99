import { describe, expect, it } from "vitest";
import { childOf, parseXml } from "./minimal-xml.ts";

describe("the minimal XML reader used by the specifications", () => {
  it("reads elements, attributes, text and references", () => {
    const root = parseXml(`<?xml version="1.0"?>\n<a x="1 &amp; 2" y='&#10;'><b>t&lt;u</b><c/></a>`);
    expect(root.attributes).toEqual({ x: "1 & 2", y: "\n" });
    expect(childOf(root, "b").text).toBe("t<u");
    expect(childOf(root, "c").children).toEqual([]);
  });

  it("normalizes literal line breaks in attribute values to spaces, as XML parsers do", () => {
    expect(parseXml('<a x="1\n2"/>').attributes.x).toBe("1 2");
  });

  it.each([
    ["an unclosed element", "<a><b></a>"],
    ["a mismatched closing tag", "<a></b>"],
    ["a missing closing tag", "<a>"],
    ["a bare ampersand", '<a x="&"/>'],
    ["a raw < in an attribute", '<a x="<"/>'],
    ["an unknown entity", "<a>&nbsp;</a>"],
    ["a duplicate attribute", '<a x="1" x="2"/>'],
    ["an unquoted attribute", "<a x=1/>"],
    ["two root elements", "<a/><b/>"],
  ])("rejects %s", (_, source) => {
    expect(() => parseXml(source)).toThrow(/XML not well-formed/);
  });
});
