import { beforeAll, describe, expect, it } from "vitest";
import { buildSample } from "../helpers/build-fixture.ts";
import { Page } from "../helpers/dom.ts";

const STORY = "/2022/12/15/bayramov-meets-ots-secretary-general-omuraliev/";
let outDir: string;

beforeAll(async () => {
  const result = await buildSample();
  expect(result.diagnostics).toEqual([]);
  outDir = result.outDir;
});

describe("the sample site", () => {
  it("shows the Trend story from Baku with its dateline and date", async () => {
    const page = await Page.read(outDir, STORY);
    expect(page.firstText("h1")).toBe(
      "Azerbaijan's Foreign Minister meets new Secretary General of the Organization of Turkic States",
    );
    expect(page.text(page.withClass("dateline")[0])).toBe("BAKU, Azerbaijan, December 15, 2022");
    expect(page.attr("time", "datetime")).toBe("2022-12-15");
    const paragraphs = page.all("p").map((p) => page.text(p));
    expect(paragraphs).toContain(
      "The sides also exchanged views on joint events that the city of Shusha will host.",
    );
    // The wire lead ("date 2022-12-15 BAKU, Azerbaijan, December 15.") is not repeated in the body.
    expect(paragraphs.some((p) => p.startsWith("date 2022") || p.includes("December 15. Minister"))).toBe(
      false,
    );
  });

  it("links the story's people and organizations to their pages, which list the story", async () => {
    const page = await Page.read(outDir, STORY);
    const hrefs = page.links().map(([href]) => href);
    for (const url of [
      "/people/jeyhun-bayramov/",
      "/people/kubanychbek-omuraliev/",
      "/organizations/organization-of-turkic-states/",
      "/organizations/ministry-of-foreign-affairs-of-azerbaijan/",
      "/organizations/trend/",
    ]) {
      expect(hrefs).toContain(url);
      const entityPage = await Page.read(outDir, url);
      expect(entityPage.links().map(([href]) => href)).toContain(STORY);
      expect(entityPage.text(entityPage.withClass("count")[0])).toBe("1 article");
    }
  });

  it("lists the story on the home page", async () => {
    const home = await Page.read(outDir, "/");
    expect(home.links(home.withClass("teaser")[0])[0]?.[0]).toBe(STORY);
  });
});
