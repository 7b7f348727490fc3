import { DateTime } from "luxon";
import type { Moment } from "./types.ts";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export type DateResult = { ok: true; value: DateTime; dateOnly: boolean } | { ok: false; message: string };

/**
 * Reads an ISO 8601 date (`2022-12-15`) or date-time (`2022-12-15T10:30:00+04:00`). A value without an offset
 * is read in `timeZone`. Impossible dates (`2022-02-30`) and other shapes (`December 15, 2022`) are rejected.
 */
export function parseIsoDate(value: string, timeZone: string): DateResult {
  const trimmed = value.trim();
  const dateOnly = DATE_ONLY.test(trimmed);
  if (!dateOnly && !DATE_TIME.test(trimmed)) {
    return {
      ok: false,
      message: `expected an ISO 8601 date such as 2022-12-15 or 2022-12-15T10:30:00+04:00, found ${JSON.stringify(value)}`,
    };
  }
  const parsed = DateTime.fromISO(trimmed, { zone: timeZone, setZone: true });
  if (!parsed.isValid) {
    return {
      ok: false,
      message: `${JSON.stringify(value)} is not a real date (${parsed.invalidExplanation ?? "out of range"})`,
    };
  }
  return { ok: true, value: parsed, dateOnly };
}

/** The time zone is valid if luxon can place a date in it. */
export function isValidTimeZone(timeZone: string): boolean {
  return DateTime.now().setZone(timeZone).isValid;
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
