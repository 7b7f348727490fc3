import type { SiteSettings } from "../../src/core/types.ts";

/** Site settings for unit tests: English, dates in Baku's time zone, 20 a page. */
export const TEST_SETTINGS: SiteSettings = {
  title: "Test",
  description: "",
  baseUrl: "https://example.test",
  language: "en",
  languages: ["en"],
  timeZone: "Asia/Baku",
  perPage: 20,
  embedHosts: [],
};
