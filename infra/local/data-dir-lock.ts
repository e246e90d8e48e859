import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Folders this process holds: a second stack in the same process must be refused too. */
const held = new Set<string>();

/**
 * Claims a data folder for this process. Two stacks on one folder would corrupt each other's
 * DynamoDB files, so a second one is refused with the first one's pid; a lock left by a
 * process that died is taken over.
 */
export function lockDataDir(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "atiende.lock");
  const inUse = (pid: number) =>
    new Error(
      `The data folder ${dataDir} is in use by another Atiende (pid ${pid}). Stop it, or set ATIENDE_DATA_DIR to another folder.`,
    );
  if (held.has(file)) throw inUse(process.pid);
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch {
    const holder = Number(readFileSync(file, "utf8"));
    if (holder && holder !== process.pid && alive(holder)) throw inUse(holder);
    writeFileSync(file, String(process.pid));
  }
  held.add(file);
  return () => {
    held.delete(file);
    rmSync(file, { force: true });
  };
}
