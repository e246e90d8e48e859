import type { DomainEvent } from "../events/catalog.js";
import type { ExternalChannel, MediaSource } from "./channels/inbound.js";
import type { ChannelSender } from "./channels/outbound.js";
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
  /** A link that works for `expiresInSeconds` (the store's default when not given). */
  presignDownload(input: { key: string; fileName: string; expiresInSeconds?: number }): Promise<string>;
  /** What is stored under `key`, or null when nothing is. */
  head(key: string): Promise<StoredFile | null>;
  readStart(key: string, bytes: number): Promise<Uint8Array>;
  /** The whole file, or null when nothing is stored under `key`. */
  read(key: string): Promise<Uint8Array | null>;
  /**
   * Stores a file we fetched or checked ourselves (a channel's media, a case's document) under a
   * key we chose; `encrypted` asks the store to encrypt it at rest whatever the bucket's default.
   */
  put(key: string, bytes: Uint8Array, contentType: string, options?: { encrypted?: boolean }): Promise<void>;
  remove(key: string): Promise<void>;
}

export type FetchedMedia = { bytes: Uint8Array; contentType: string };

/**
 * Fetches a file a channel announced, at once (WhatsApp media ids expire), only from the
 * addresses that channel uses, and no more than `maxBytes`. Throws `MediaUnavailableError`
 * for a file that will never come (refused address, expired id, too large) and anything else
 * for trouble worth a retry.
 */
export interface MediaFetcher {
  fetch(source: MediaSource, maxBytes: number): Promise<FetchedMedia>;
}

/** What a channel can tell of a contact beyond its webhook (Messenger's User Profile API). */
export interface ContactNames {
  nameOf(channel: ExternalChannel, accountId: string, address: string): Promise<string | undefined>;
}

/** The outside channels: one sender per channel, the media fetcher, and contacts' names. */
export type ChannelPorts = {
  senders: Partial<Record<ExternalChannel, ChannelSender>>;
  media: MediaFetcher;
  names: ContactNames;
};

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * One-time codes (an approval's six digits) as stored: only a keyed hash of a salt and the code,
 * so a copy of the table does not reveal them.
 */
export interface OneTimeCodes {
  hash(salt: string, code: string): string;
  /** Whether `code` is the one stored as `storedHash`, compared in constant time. */
  matches(salt: string, code: string, storedHash: string): boolean;
}

/** Everything a use case may touch, passed in explicitly. */
export type Ports = {
  db: Db;
  events: EventPublisher;
  files: FileStore;
  pusher: ConnectionPusher;
  clock: Clock;
  channels: ChannelPorts;
  codes: OneTimeCodes;
};
