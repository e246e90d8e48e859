import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { type DomainEvent, EVENT_SOURCE } from "../../events/catalog.js";
import { eventPattern, RULES, type Rule } from "../../events/rules.js";
import {
  type Consume,
  type ConsumeExternal,
  EXTERNAL_CONSUMERS,
  type ExternalEvent,
} from "../../functions/events/consumers.js";
import { logger } from "../../functions/observability.js";
import type { EventPublisher, Ports } from "../../shared/ports.js";

/** Retries before an event lands in the dead-letter list (EventBridge retries far longer). */
const BACKOFF_MS = [50, 250, 1000];

/** Ours, or another service's (a rule's `external` events) with its EventBridge envelope. */
type BusEvent = DomainEvent | ExternalEvent;

type DeadLetter = { rule: string; event: BusEvent; error: string; failedAt: string };

function matches(rule: Rule, source: string, detailType: string) {
  const pattern = eventPattern(rule);
  return pattern.source.includes(source) && pattern["detail-type"].includes(detailType);
}

/**
 * EventBridge on one machine: the `bus` rules of events/rules.ts, matched by the same
 * patterns, deliver to the same consumers asynchronously with retries; what still fails is
 * kept in a dead-letter file and can be redriven. Our events and other services' (a rule's
 * `external` ones, which in AWS arrive on the default bus) go through the one bus here.
 */
export class LocalEventBus implements EventPublisher {
  #pending = new Set<Promise<void>>();
  /** The last delivery of each ordered group, which the group's next one waits for. */
  #groups = new Map<string, Promise<void>>();
  /** Per rule with a concurrency limit: deliveries under way, and those waiting for a slot. */
  #slots = new Map<string, { busy: number; waiting: (() => void)[] }>();

  constructor(
    private readonly consumers: Record<string, Consume>,
    private readonly ports: () => Ports,
    private readonly deadLetterFile: string,
    private readonly rules: readonly Rule[] = RULES.filter((rule) => rule.delivery === "bus"),
    private readonly externalConsumers: Record<string, ConsumeExternal> = EXTERNAL_CONSUMERS,
  ) {
    const missing = rules
      .filter((rule) => !(rule.external ? externalConsumers : consumers)[rule.name])
      .map((rule) => rule.name);
    if (missing.length > 0) throw new Error(`No consumer for rule(s) ${missing.join(", ")}`);
  }

  async publish(events: readonly DomainEvent[]) {
    for (const event of events) this.#route(event, EVENT_SOURCE, event.name);
  }

  /** Another service's events, as it puts them on the default bus (Amazon Connect's, played by the IVR simulator). */
  async putExternal(events: readonly ExternalEvent[]) {
    for (const event of events) this.#route(event, event.source, event["detail-type"]);
  }

  #route(event: BusEvent, source: string, detailType: string) {
    for (const rule of this.rules.filter((candidate) => matches(candidate, source, detailType))) {
      const delivery: Promise<void> = this.#inOrder(rule, event).then(() => {
        this.#pending.delete(delivery);
      });
      this.#pending.add(delivery);
    }
  }

  /** Resolves once every delivery under way has succeeded or been dead-lettered. */
  async drain() {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  deadLetters(): DeadLetter[] {
    if (!existsSync(this.deadLetterFile)) return [];
    return readFileSync(this.deadLetterFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DeadLetter);
  }

  /**
   * Delivers every dead letter again; those that fail again go back in the list, and so do
   * letters of a rule that no longer exists (renamed, say), so nothing is lost. Returns how
   * many letters it tried.
   */
  async redrive() {
    const letters = this.deadLetters();
    writeFileSync(this.deadLetterFile, "");
    let tried = 0;
    for (const letter of letters) {
      const rule = this.rules.find((candidate) => candidate.name === letter.rule);
      if (!rule) {
        appendFileSync(this.deadLetterFile, `${JSON.stringify(letter)}\n`);
        continue;
      }
      tried++;
      await this.#deliver(rule, letter.event);
    }
    return tried;
  }

  /** Like an SQS FIFO message group: an ordered rule's events of one group go one after the other. */
  #inOrder(rule: Rule, event: BusEvent) {
    if (!rule.orderedBy || !("data" in event)) return this.#deliver(rule, event);
    const group = `${rule.name}#${String((event.data as Record<string, unknown>)[rule.orderedBy])}`;
    const next = (this.#groups.get(group) ?? Promise.resolve()).then(() => this.#deliver(rule, event));
    this.#groups.set(group, next);
    void next.then(() => {
      if (this.#groups.get(group) === next) this.#groups.delete(group);
    });
    return next;
  }

  /** Waits for one of the rule's slots when it has a concurrency limit; returns the release. */
  async #slot(rule: Rule) {
    if (!rule.concurrency) return () => {};
    const slots = this.#slots.get(rule.name) ?? { busy: 0, waiting: [] };
    this.#slots.set(rule.name, slots);
    if (slots.busy >= rule.concurrency) await new Promise<void>((resolve) => slots.waiting.push(resolve));
    slots.busy++;
    return () => {
      slots.busy--;
      slots.waiting.shift()?.();
    };
  }

  async #deliver(rule: Rule, event: BusEvent) {
    const release = await this.#slot(rule);
    try {
      await this.#attempt(rule, event);
    } finally {
      release();
    }
  }

  /** Hands the event to the rule's consumer, which takes ours or, for an `external` rule, the service's. */
  #consume(rule: Rule, event: BusEvent) {
    if (rule.external) return this.externalConsumers[rule.name]!(this.ports(), event as ExternalEvent);
    return this.consumers[rule.name]!(this.ports(), event as DomainEvent);
  }

  async #attempt(rule: Rule, event: BusEvent) {
    await Promise.resolve();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#consume(rule, event);
        return;
      } catch (error) {
        const delay = BACKOFF_MS[attempt];
        if (delay === undefined) {
          logger.error("Event dead-lettered", { rule: rule.name, eventId: event.id, error });
          const letter: DeadLetter = {
            rule: rule.name,
            event,
            error: String(error),
            failedAt: new Date().toISOString(),
          };
          appendFileSync(this.deadLetterFile, `${JSON.stringify(letter)}\n`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
