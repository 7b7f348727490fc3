import { DateTime } from "luxon";
import type { Moment } from "./types.ts";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** The years a date may fall in, wherever it is read: feeds, sitemaps and URLs need four digits. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

/** Why a value is not a usable date: its shape, the calendar, the year range, or a gap in local time. */
export type DateProblem = "shape" | "not-real" | "out-of-range" | "nonexistent-local-time";

export type DateResult =
  | { ok: true; value: DateTime; dateOnly: boolean }
  | { ok: false; problem: DateProblem; message: string; hint?: string };

/** `+01:00` for 60 minutes, `-03:30` for -210. */
function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/**
 * The local time written without an offset did not exist in `timeZone` (clocks jumped over it), so luxon
 * moved it forward: `2024-03-31T02:30` in Europe/Berlin became 03:30. A date alone is only wrong if the
 * whole day was skipped (Pacific/Apia, 30 December 2011); a midnight that does not exist still dates the day.
 */
function localTimeGap(
  trimmed: string,
  parsed: DateTime,
  dateOnly: boolean,
  timeZone: string,
): DateResult | undefined {
  if (HAS_OFFSET.test(trimmed)) return undefined;
  // A skipped time comes back later the same day or on a later day; comparing the fields is enough.
  const field = (from: number) => Number(trimmed.slice(from, from + 2));
  const moved =
    parsed.day !== field(8) || (!dateOnly && (parsed.hour !== field(11) || parsed.minute !== field(14)));
  if (!moved) return undefined;
  const wall = DateTime.fromISO(trimmed, { zone: "UTC" });
  const jump = Math.round((parsed.toMillis() + parsed.offset * 60_000 - wall.toMillis()) / 60_000);
  const before = formatOffset(parsed.offset - jump);
  const after = formatOffset(parsed.offset);
  const what = dateOnly ? "a day" : "a local time";
  return {
    ok: false,
    problem: "nonexistent-local-time",
    message: `${JSON.stringify(trimmed)} is ${what} that does not exist in ${timeZone}: clocks jumped forward from UTC${before} to UTC${after} and skipped it; expected ${what} that exists there`,
    hint: `write the moment with its offset, e.g. ${dateOnly ? `${trimmed}T00:00` : trimmed}${before}, or ${what} after the jump`,
  };
}

/**
 * A year outside 1000–9999 as written is refused; so is a moment that reaches the year 10000 in UTC or in
 * the site's time zone (feeds and sitemaps write UTC, URLs the site's date), which has no four-digit form.
 */
function yearOutOfRange(trimmed: string, parsed: DateTime, timeZone: string): DateResult | undefined {
  const written = Number(trimmed.slice(0, 4));
  if (written < MIN_YEAR || written > MAX_YEAR) {
    return {
      ok: false,
      problem: "out-of-range",
      message: `${JSON.stringify(trimmed)} is in the year ${trimmed.slice(0, 4)}; expected a year from ${MIN_YEAR} to ${MAX_YEAR}`,
    };
  }
  if (written < MAX_YEAR) return undefined; // no offset reaches past a whole year
  for (const [where, year] of [
    ["UTC", parsed.toUTC().year],
    [timeZone, parsed.setZone(timeZone).year],
  ] as const) {
    if (year > MAX_YEAR)
      return {
        ok: false,
        problem: "out-of-range",
        message: `${JSON.stringify(trimmed)} is in the year ${year} in ${where}; expected a year from ${MIN_YEAR} to ${MAX_YEAR}`,
      };
  }
  return undefined;
}

/**
 * Reads an ISO 8601 date (`2022-12-15`) or date-time (`2022-12-15T10:30:00+04:00`). A value without an offset
 * is read in `timeZone`. Impossible dates (`2022-02-30`), other shapes (`December 15, 2022`), years outside
 * 1000–9999 and local times skipped by a daylight-saving change are rejected, each with its `problem`.
 */
export function parseIsoDate(value: string, timeZone: string): DateResult {
  const trimmed = value.trim();
  const dateOnly = DATE_ONLY.test(trimmed);
  if (!dateOnly && !DATE_TIME.test(trimmed)) {
    return {
      ok: false,
      problem: "shape",
      message: `expected an ISO 8601 date such as 2022-12-15 or 2022-12-15T10:30:00+04:00, found ${JSON.stringify(value)}`,
    };
  }
  const parsed = DateTime.fromISO(trimmed, { zone: timeZone, setZone: true });
  if (!parsed.isValid) {
    return {
      ok: false,
      problem: "not-real",
      message: `${JSON.stringify(value)} is not a real date (${parsed.invalidExplanation ?? "out of range"})`,
    };
  }
  return (
    yearOutOfRange(trimmed, parsed, timeZone) ??
    localTimeGap(trimmed, parsed, dateOnly, timeZone) ?? { ok: true, value: parsed, dateOnly }
  );
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `December 15, 2022` in the site's language and time zone; one formatter per pair, reused. */
function longDate(epoch: number, timeZone: string, language: string): string {
  const key = `${language}\u0000${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { year: "numeric", month: "long", day: "numeric", timeZone });
    formatters.set(key, format);
  }
  return format.format(epoch);
}

export function toMoment(value: DateTime, dateOnly: boolean, timeZone: string, language: string): Moment {
  return {
    iso: dateOnly ? (value.toISODate() ?? "") : (value.toISO({ suppressMilliseconds: true }) ?? ""),
    text: longDate(value.toMillis(), timeZone, language),
    epoch: value.toMillis(),
  };
}

/** `YYYY/MM/DD` of a moment in the site's time zone, for article URLs. */
export function datePath(value: DateTime, timeZone: string): string {
  return value.setZone(timeZone).toFormat("yyyy/LL/dd");
}
