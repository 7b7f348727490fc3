import { mkdtemp, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { publishFs } from "../../src/publish/fs.ts";
import { acquireLock, FOREIGN_STALE_MS, HEARTBEAT_MS } from "../../src/publish/lock.ts";
import { hostName, processStart } from "../../src/publish/owner.ts";
import { places } from "../../src/publish/places.ts";

const DEAD = 99_999_999;

async function output() {
  const parent = await mkdtemp(path.join(tmpdir(), "dateline-lock-"));
  return { parent, where: await places(path.join(parent, "_site")) };
}

async function lockOf(pid: number, host: string, extra: Record<string, unknown> = {}) {
  return `${JSON.stringify({ pid, host, started: "2024-06-01T08:00:00.000Z", ...extra })}\n`;
}

async function ageFile(file: string, ms: number) {
  const then = new Date(Date.now() - ms);
  await utimes(file, then, then);
}

describe("the output folder's lock", () => {
  it("is a file beside the output naming this process; a second taker is refused with the owner's name", async () => {
    const { parent, where } = await output();
    const first = await acquireLock(where);
    expect(first.diagnostics).toEqual([]);
    const owner = JSON.parse(await readFile(path.join(parent, "_site.lock"), "utf8"));
    expect(owner).toMatchObject({ pid: process.pid, host: hostName() });

    const second = await acquireLock(where);
    expect(second.lock).toBeUndefined();
    expect(second.diagnostics).toHaveLength(1);
    expect(second.diagnostics[0]).toMatchObject({
      rule: "publish/locked",
      severity: "error",
      file: path.join(parent, "_site.lock"),
      line: 1,
    });
    expect(second.diagnostics[0]?.message).toContain(`process ${process.pid} on ${hostName()}`);
    expect(second.diagnostics[0]?.hint).toContain("--wait");

    await first.lock?.release();
    expect(await readdir(parent)).toEqual([]);
    const third = await acquireLock(where);
    expect(third.lock).toBeDefined();
    await third.lock?.release();
  });

  it("takes over a lock whose owner is dead on this machine, or is another process that reused its pid", async () => {
    const { parent, where } = await output();
    await writeFile(where.lock, await lockOf(DEAD, hostName()));
    const taken = await acquireLock(where);
    expect(taken.diagnostics).toEqual([]);
    await taken.lock?.release();

    const start = await processStart(process.ppid);
    if (start) {
      await writeFile(where.lock, await lockOf(process.ppid, hostName(), { procStart: `${start}1` }));
      const reused = await acquireLock(where);
      expect(reused.diagnostics).toEqual([]);
      await reused.lock?.release();
    }
    expect(await readdir(parent)).toEqual([]);
  });

  it("refuses a lock whose owner runs on this machine", async () => {
    const { where } = await output();
    await writeFile(where.lock, await lockOf(process.ppid, hostName()));
    const refused = await acquireLock(where);
    expect(refused.diagnostics.map((d) => d.rule)).toEqual(["publish/locked"]);
    expect(refused.diagnostics[0]?.message).toContain(`process ${process.ppid}`);
  });

  it("refuses another machine's lock until it has not been refreshed for ten minutes", async () => {
    const { where } = await output();
    await writeFile(where.lock, await lockOf(41, "ci-runner-7"));
    expect((await acquireLock(where)).diagnostics[0]?.message).toContain("process 41 on ci-runner-7");
    await ageFile(where.lock, FOREIGN_STALE_MS + 60_000);
    const taken = await acquireLock(where);
    expect(taken.diagnostics).toEqual([]);
    await taken.lock?.release();
  });

  it("refuses an unreadable lock for a while (its owner may be writing it), then takes it over", async () => {
    const { where } = await output();
    await writeFile(where.lock, "");
    const refused = await acquireLock(where);
    expect(refused.diagnostics[0]?.message).toContain("cannot be read");
    await ageFile(where.lock, 60_000);
    const taken = await acquireLock(where);
    expect(taken.diagnostics).toEqual([]);
    await taken.lock?.release();
  });

  it("waits for the owner to finish when asked to", async () => {
    const { where } = await output();
    const first = await acquireLock(where);
    setTimeout(() => void first.lock?.release(), 300);
    const second = await acquireLock(where, { waitSeconds: 10 });
    expect(second.diagnostics).toEqual([]);
    await second.lock?.release();

    const third = await acquireLock(where);
    const impatient = await acquireLock(where, { waitSeconds: 0.3 });
    expect(impatient.diagnostics[0]?.message).toContain("waited 0.3 s");
    await third.lock?.release();
  });

  it("knows when another build took it over, and then leaves that build's lock alone", async () => {
    const { where } = await output();
    const mine = await acquireLock(where);
    expect(await mine.lock?.verify()).toBe(true);
    const theirs = await lockOf(DEAD + 1, "ci-runner-7");
    await writeFile(where.lock, theirs);
    expect(await mine.lock?.verify()).toBe(false);
    await mine.lock?.release();
    expect(await readFile(where.lock, "utf8")).toBe(theirs);
  });

  it("is refreshed while held, so other machines can tell it from an abandoned one", async () => {
    const { where } = await output();
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const touched: string[] = [];
      const { lock } = await acquireLock(where, {
        fs: publishFs({
          utimes: async (file) => {
            touched.push(file);
          },
        }),
      });
      vi.advanceTimersByTime(HEARTBEAT_MS * 2);
      expect(touched).toEqual([where.lock, where.lock]);
      await lock?.release();
      vi.advanceTimersByTime(HEARTBEAT_MS * 2);
      expect(touched).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
