import { describe, expect, it } from "vitest";
import { plainText } from "../../src/render/search.ts";

describe("plainText", () => {
  it("keeps the readable text of article HTML for the search index", () => {
    expect(
      plainText(
        '<p>Shusha &amp; <a href="/x/">Baku</a>&#39;s “culture”</p>\n<ul><li>one</li><li>two&#x21;</li></ul>',
      ),
    ).toBe("Shusha & Baku's “culture” one two!");
  });
});
