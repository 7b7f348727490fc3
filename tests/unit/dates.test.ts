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

describe("parseIsoDate: years and local times that cannot be published", () => {
  const problem = (value: string, zone = BAKU) => {
    const r = parseIsoDate(value, zone);
    return r.ok ? "ok" : r.problem;
  };

  it.each([
    "0000-05-11",
    "0999-12-31T10:00:00Z",
    "9999-12-31T23:00:00-05:00", // year 10000 in UTC
    "9999-12-31T22:00:00Z", // year 10000 in Baku
  ])("refuses %s, which falls outside 1000–9999", (value) => {
    expect(problem(value)).toBe("out-of-range");
  });

  it("accepts the first and last days of the range", () => {
    expect(problem("1000-01-01")).toBe("ok"); // 999 in UTC: still four digits
    expect(problem("9999-12-31")).toBe("ok");
  });

  it("refuses a local time skipped when clocks jump forward, and says how to write it", () => {
    const r = parseIsoDate("2024-03-31T02:30", "Europe/Berlin");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toBe("nonexistent-local-time");
    expect(r.message).toBe(
      '"2024-03-31T02:30" is a local time that does not exist in Europe/Berlin: clocks jumped forward from UTC+01:00 to UTC+02:00 and skipped it; expected a local time that exists there',
    );
    expect(r.hint).toBe(
      "write the moment with its offset, e.g. 2024-03-31T02:30+01:00, or a local time after the jump",
    );
  });

  it("refuses a day skipped entirely, but not a missing midnight", () => {
    expect(problem("2011-12-30", "Pacific/Apia")).toBe("nonexistent-local-time");
    expect(problem("2024-09-08", "America/Santiago")).toBe("ok"); // midnight skipped, the day exists
  });

  it("accepts a repeated (autumn) local time, an offset inside the gap, and times around it", () => {
    for (const value of [
      "2024-10-27T02:30",
      "2024-03-31T02:30+01:00",
      "2024-03-31T01:59",
      "2024-03-31T03:00",
    ])
      expect(problem(value, "Europe/Berlin")).toBe("ok");
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
