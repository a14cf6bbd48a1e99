import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseXml } from "./testing/minimal-xml.ts";
import { escapeXml, serializeXml, xmlElement, xmlTextElement } from "./xml-writer.ts";

const XML_TEXT = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe("escapeXml", () => {
  it("escapes the five markup characters", () => {
    expect(escapeXml(`<&>"'`)).toBe("&lt;&amp;&gt;&quot;&apos;");
  });

  it("writes line breaks and tabs as character references", () => {
    expect(escapeXml("a\tb\nc\rd")).toBe("a&#9;b&#10;c&#13;d");
  });

  it("replaces characters XML cannot carry with U+FFFD, keeping astral characters", () => {
    expect(escapeXml("\u0000\u001f\uFFFE\uD800x😀")).toBe("\uFFFD\uFFFD\uFFFD\uFFFDx😀");
  });
});

describe("serializeXml", () => {
  it("writes empty elements self-closed, text inline and children indented", () => {
    const element = xmlElement("Collection", { Kind: "list", Skipped: undefined }, [
      xmlTextElement("String", "a&b"),
      xmlElement("Null"),
    ]);
    expect(serializeXml(element)).toBe(
      '<Collection Kind="list">\n  <String>a&amp;b</String>\n  <Null/>\n</Collection>',
    );
  });

  it("round-trips any text XML can carry through an attribute and an element", () => {
    const markup = fc.constantFrom("<", "&", ">", '"', "'", "\t", "\n", "\r", " ");
    const anyCharacter = fc.string({ unit: "binary", minLength: 1, maxLength: 1 });
    const xmlText = fc
      .array(fc.oneof(markup, anyCharacter))
      .map((characters) => characters.join(""))
      .filter((text) => XML_TEXT.test(text));
    fc.assert(
      fc.property(xmlText, (text) => {
        const parsed = parseXml(serializeXml(xmlElement("A", { Value: text }, [xmlTextElement("B", text)])));
        expect(parsed.attributes.Value).toBe(text);
        expect(parsed.children[0]?.text).toBe(text);
      }),
    );
  });
});
