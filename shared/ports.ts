import type { DomainEvent } from "../events/catalog.js";
import type { Db } from "./data/db.js";

/**
 * The ports the domain is given. Each has one adapter per place (`adapters/aws`,
 * `adapters/local`); the domain never learns which one it talks to.
 */
export interface EventPublisher {
  /** Called only after the write that caused the events has committed. */
  publish(events: readonly DomainEvent[]): Promise<void>;
}

export type PushResult = "sent" | "gone";

export interface ConnectionPusher {
  push(connectionId: string, payload: unknown): Promise<PushResult>;
}

export type StoredFile = { size: number; contentType: string };

export interface FileStore {
  presignUpload(input: {
    key: string;
    contentType: string;
    size: number;
  }): Promise<{ url: string; headers: Record<string, string> }>;
  presignDownload(input: { key: string; fileName: string }): Promise<string>;
  /** What is stored under `key`, or null when nothing is. */
  head(key: string): Promise<StoredFile | null>;
  readStart(key: string, bytes: number): Promise<Uint8Array>;
  remove(key: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Everything a use case may touch, passed in explicitly. */
export type Ports = {
  db: Db;
  events: EventPublisher;
  files: FileStore;
  pusher: ConnectionPusher;
  clock: Clock;
};
