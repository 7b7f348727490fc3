import { beforeAll, expect, it } from "vitest";
import { buildFixture, buildSample } from "../helpers/build-fixture.ts";
import { htmlPages } from "../helpers/links.ts";
import { describeWith, findJava, requireTool } from "../helpers/tools.ts";
import { checkHtml, formatVnu, type VnuReport } from "../helpers/vnu.ts";

const JAVA = findJava();
const SITES = ["sample", "newsroom", "multilingual", "arabic"] as const;
type Site = (typeof SITES)[number];

describeWith([JAVA], "the Nu HTML Checker", () => {
  const empty = () => ({
    report: { files: [], errors: [], warnings: [] } as VnuReport,
    pages: [] as string[],
  });
  const reports: Record<Site, { report: VnuReport; pages: string[] }> = {
    sample: empty(),
    newsroom: empty(),
    multilingual: empty(),
    arabic: empty(),
  };

  beforeAll(async () => {
    const java = requireTool(JAVA);
    const sample = await buildSample();
    const newsroom = await buildFixture("newsroom");
    const multilingual = await buildFixture("multilingual");
    const arabic = await buildFixture("arabic");
    expect(sample.ok).toBe(true);
    expect(newsroom.ok).toBe(true);
    expect(multilingual.ok).toBe(true);
    expect(arabic.ok).toBe(true);
    // One JVM per site, both at once; then the two language fixtures, both at once.
    const [sampleReport, newsroomReport] = await Promise.all([
      checkHtml(java, sample.outDir),
      checkHtml(java, newsroom.outDir),
    ]);
    const [multilingualReport, arabicReport] = await Promise.all([
      checkHtml(java, multilingual.outDir),
      checkHtml(java, arabic.outDir),
    ]);
    reports.multilingual = {
      report: multilingualReport,
      pages: (await htmlPages(multilingual.outDir)).map((p) => p.file),
    };
    reports.arabic = { report: arabicReport, pages: (await htmlPages(arabic.outDir)).map((p) => p.file) };
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
    expect(reports.multilingual.report.files).toEqual(reports.multilingual.pages);
    expect(reports.multilingual.report.files).toEqual(
      expect.arrayContaining([
        "ru/2024/05/02/paromnaya-liniya-otkryta/index.html",
        "az/people/elvin-tagizade/index.html",
        "ru/search/index.html",
      ]),
    );
    expect(reports.arabic.report.files).toEqual(reports.arabic.pages);
  });

  it.each(SITES)("finds no errors in the %s site", (site) => {
    const { errors } = reports[site].report;
    expect(errors, formatVnu(errors)).toHaveLength(0);
  });

  it.each(SITES)("finds no warnings in the %s site", (site) => {
    const { warnings } = reports[site].report;
    expect(warnings, formatVnu(warnings)).toHaveLength(0);
  });
});
