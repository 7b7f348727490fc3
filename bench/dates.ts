import type { Random } from "./random.ts";

/** The archive spans these years (Asia/Baku has been UTC+04:00 all year since 2016). */
const FIRST = Date.UTC(2017, 0, 1);
const LAST = Date.UTC(2025, 0, 1);
const SITE_OFFSET_MINUTES = 240;
const OFFSETS_MINUTES = [240, 240, 240, 180, 0, 120, 300, 360];

export interface ArticleDate {
  /** As written in the frontmatter: `2019-03-04` or `2019-03-04T09:15:00+04:00`. */
  text: string;
  /** `2019/03`, the folder the file goes in (year and month as written). */
  folder: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function formatOffset(minutes: number): string {
  if (minutes === 0) return "Z";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The date of article `index` of `count`: dates rise evenly over the years, with jitter. About a third are
 * date-only (read in the site's zone), the rest date-times with one of several offsets.
 */
export function articleDate(random: Random, index: number, count: number): ArticleDate {
  const step = (LAST - FIRST) / count;
  const epoch = Math.floor(FIRST + (index + random.next() * 0.9) * step);
  const dateOnly = random.chance(0.3);
  const offset = dateOnly ? SITE_OFFSET_MINUTES : random.pick(OFFSETS_MINUTES);
  const local = new Date(epoch + offset * 60_000);
  const day = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const folder = `${local.getUTCFullYear()}/${pad(local.getUTCMonth() + 1)}`;
  if (dateOnly) return { text: day, folder };
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return { text: `${day}T${time}${formatOffset(offset)}`, folder };
}
