import { beforeAll, expect, it } from "vitest";
import { buildFixture, buildSample } from "../helpers/build-fixture.ts";
import { htmlPages } from "../helpers/links.ts";
import { describeWith, findJava, requireTool } from "../helpers/tools.ts";
import { checkHtml, formatVnu, type VnuReport } from "../helpers/vnu.ts";

const JAVA = findJava();

describeWith([JAVA], "the Nu HTML Checker", () => {
  const reports: Record<"sample" | "newsroom", { report: VnuReport; pages: string[] }> = {
    sample: { report: { files: [], errors: [], warnings: [] }, pages: [] },
    newsroom: { report: { files: [], errors: [], warnings: [] }, pages: [] },
  };

  beforeAll(async () => {
    const java = requireTool(JAVA);
    const sample = await buildSample();
    const newsroom = await buildFixture("newsroom");
    expect(sample.ok).toBe(true);
    expect(newsroom.ok).toBe(true);
    // One JVM per site, both at once.
    const [sampleReport, newsroomReport] = await Promise.all([
      checkHtml(java, sample.outDir),
      checkHtml(java, newsroom.outDir),
    ]);
    reports.sample = { report: sampleReport, pages: (await htmlPages(sample.outDir)).map((p) => p.file) };
    reports.newsroom = {
      report: newsroomReport,
      pages: (await htmlPages(newsroom.outDir)).map((p) => p.file),
    };
  });

  it("checks every HTML page of both sites", () => {
    expect(reports.sample.report.files).toEqual(reports.sample.pages);
    expect(reports.sample.report.files).toEqual(
      expect.arrayContaining([
        "index.html",
        "2022/12/15/bayramov-meets-ots-secretary-general-omuraliev/index.html",
        "people/index.html",
        "people/jeyhun-bayramov/index.html",
        "organizations/index.html",
        "organizations/organization-of-turkic-states/index.html",
      ]),
    );
    expect(reports.newsroom.report.files).toEqual(reports.newsroom.pages);
    expect(reports.newsroom.report.files).toEqual(
      expect.arrayContaining(["page/2/index.html", "people/aynur-qasimova/page/2/index.html"]),
    );
  });

  it.each(["sample", "newsroom"] as const)("finds no errors in the %s site", (site) => {
    const { errors } = reports[site].report;
    expect(errors, formatVnu(errors)).toHaveLength(0);
  });

  it.each(["sample", "newsroom"] as const)("finds no warnings in the %s site", (site) => {
    const { warnings } = reports[site].report;
    expect(warnings, formatVnu(warnings)).toHaveLength(0);
  });
});
