import { describe, expect, it } from "vitest";
import { datePath, parseIsoDate, toMoment } from "../../src/core/dates.ts";

const BAKU = "Asia/Baku";

describe("parseIsoDate", () => {
  it("reads a date without an offset in the site's time zone", () => {
    const r = parseIsoDate("2022-12-15", BAKU);
    if (!r.ok) throw new Error(r.message);
    expect(r.dateOnly).toBe(true);
    expect(r.value.toISO()).toBe("2022-12-15T00:00:00.000+04:00");
  });

  it("keeps an explicit offset", () => {
    const r = parseIsoDate("2022-12-15T10:30:00+02:00", BAKU);
    if (!r.ok) throw new Error(r.message);
    expect(r.dateOnly).toBe(false);
    expect(r.value.toUTC().toISO()).toBe("2022-12-15T08:30:00.000Z");
  });

  it("reads a date-time without an offset in the site's time zone", () => {
    const r = parseIsoDate("2022-12-15T10:30", BAKU);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.toUTC().toISO()).toBe("2022-12-15T06:30:00.000Z");
  });

  it.each(["2022-02-30", "2023-02-29", "2022-13-01", "2022-12-15T25:00:00Z"])(
    "rejects the impossible %s",
    (value) => {
      const r = parseIsoDate(value, BAKU);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain("is not a real date");
    },
  );

  it.each(["December 15, 2022", "15.12.2022", "2022/12/15", "20221215", "2022-W50-4", ""])(
    "rejects the non-ISO %j",
    (value) => {
      const r = parseIsoDate(value, BAKU);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain("expected an ISO 8601 date");
    },
  );

  it("accepts 29 February in a leap year", () => {
    expect(parseIsoDate("2024-02-29", BAKU).ok).toBe(true);
  });
});

describe("datePath and toMoment", () => {
  it("dates the URL in the site's time zone, not the offset's", () => {
    const r = parseIsoDate("2022-12-15T22:30:00-01:00", BAKU); // 2022-12-16 03:30 in Baku
    if (!r.ok) throw new Error(r.message);
    expect(datePath(r.value, BAKU)).toBe("2022/12/16");
    expect(toMoment(r.value, false, BAKU, "en")).toEqual({
      iso: "2022-12-15T22:30:00-01:00",
      text: "December 16, 2022",
      epoch: Date.UTC(2022, 11, 15, 23, 30),
    });
  });

  it("gives a date-only value a date-only datetime attribute", () => {
    const r = parseIsoDate("2022-12-15", BAKU);
    if (!r.ok) throw new Error(r.message);
    expect(toMoment(r.value, true, BAKU, "en").iso).toBe("2022-12-15");
    expect(toMoment(r.value, true, BAKU, "en").text).toBe("December 15, 2022");
  });
});
