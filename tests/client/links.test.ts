import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, buildSample, fixtureDir, ROOT } from "../helpers/build-fixture.ts";
import { type CrawlReport, crawl, formatProblems } from "../helpers/links.ts";

const STORY = "/2022/12/15/bayramov-meets-ots-secretary-general-omuraliev/";

async function baseUrl(contentDir: string): Promise<string> {
  const settings = JSON.parse(await readFile(path.join(contentDir, "site.json"), "utf8")) as {
    baseUrl: string;
  };
  return settings.baseUrl;
}

describe("the link crawler over the built output", () => {
  let sample: CrawlReport;
  let newsroom: CrawlReport;
  const languages: Partial<Record<"multilingual" | "arabic", CrawlReport>> = {};

  beforeAll(async () => {
    const sampleBuild = await buildSample();
    const newsroomBuild = await buildFixture("newsroom");
    expect(sampleBuild.ok).toBe(true);
    expect(newsroomBuild.ok).toBe(true);
    // The canonical links use the site's baseUrl; they are checked as internal links too.
    sample = await crawl(sampleBuild.outDir, { siteOrigins: [await baseUrl(path.join(ROOT, "content"))] });
    newsroom = await crawl(newsroomBuild.outDir, { siteOrigins: [await baseUrl(fixtureDir("newsroom"))] });
    for (const name of ["multilingual", "arabic"] as const) {
      const built = await buildFixture(name);
      expect(built.ok).toBe(true);
      languages[name] = await crawl(built.outDir, { siteOrigins: [await baseUrl(fixtureDir(name))] });
    }
  });

  it.each(["multilingual", "arabic"] as const)(
    "finds no dead link and reaches every page of the %s site from the home page",
    (name) => {
      const report = languages[name];
      if (!report) throw new Error(`no crawl of ${name}`);
      expect(report.problems, formatProblems(report.problems)).toHaveLength(0);
      expect(report.unreachable, report.unreachable.join("\n")).toHaveLength(0);
      if (name === "multilingual")
        expect(report.pages).toEqual(
          expect.arrayContaining([
            "/ru/",
            "/az/",
            "/ru/2024/05/02/paromnaya-liniya-otkryta/",
            "/ru/people/elvin-tagizade/",
          ]),
        );
    },
  );

  it("parses every page of both sites", () => {
    expect(sample.pages).toEqual(
      expect.arrayContaining([
        "/",
        STORY,
        "/people/",
        "/people/jeyhun-bayramov/",
        "/organizations/",
        "/organizations/organization-of-turkic-states/",
      ]),
    );
    expect(newsroom.pages).toEqual(
      expect.arrayContaining(["/", "/page/2/", "/people/aynur-qasimova/", "/people/aynur-qasimova/page/2/"]),
    );
  });

  it.each(["sample", "newsroom"] as const)(
    "finds no dead internal href, src or #fragment in the %s site",
    (site) => {
      const report = site === "sample" ? sample : newsroom;
      expect(report.problems, formatProblems(report.problems)).toHaveLength(0);
    },
  );

  it.each(["sample", "newsroom"] as const)("reaches every page of the %s site from the home page", (site) => {
    const report = site === "sample" ? sample : newsroom;
    expect(report.unreachable, report.unreachable.join("\n")).toHaveLength(0);
  });
});
