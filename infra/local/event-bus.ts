import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { type DomainEvent, EVENT_SOURCE } from "../../events/catalog.js";
import { eventPattern, RULES, type Rule } from "../../events/rules.js";
import type { Consume } from "../../functions/events/consumers.js";
import { logger } from "../../functions/observability.js";
import type { EventPublisher, Ports } from "../../shared/ports.js";

/** Retries before an event lands in the dead-letter list (EventBridge retries far longer). */
const BACKOFF_MS = [50, 250, 1000];

type DeadLetter = { rule: string; event: DomainEvent; error: string; failedAt: string };

function matches(rule: Rule, event: DomainEvent) {
  const pattern = eventPattern(rule);
  return pattern.source.includes(EVENT_SOURCE) && pattern["detail-type"].includes(event.name);
}

/**
 * EventBridge on one machine: the `bus` rules of events/rules.ts, matched by the same
 * patterns, deliver to the same consumers asynchronously with retries; what still fails is
 * kept in a dead-letter file and can be redriven.
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
  ) {
    const missing = rules.filter((rule) => !consumers[rule.name]).map((rule) => rule.name);
    if (missing.length > 0) throw new Error(`No consumer for rule(s) ${missing.join(", ")}`);
  }

  async publish(events: readonly DomainEvent[]) {
    for (const event of events) {
      for (const rule of this.rules.filter((candidate) => matches(candidate, event))) {
        const delivery: Promise<void> = this.#inOrder(rule, event).then(() => {
          this.#pending.delete(delivery);
        });
        this.#pending.add(delivery);
      }
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
  #inOrder(rule: Rule, event: DomainEvent) {
    if (!rule.orderedBy) return this.#deliver(rule, event);
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

  async #deliver(rule: Rule, event: DomainEvent) {
    const release = await this.#slot(rule);
    try {
      await this.#attempt(rule, event);
    } finally {
      release();
    }
  }

  async #attempt(rule: Rule, event: DomainEvent) {
    const consume = this.consumers[rule.name]!;
    await Promise.resolve();
    for (let attempt = 0; ; attempt++) {
      try {
        await consume(this.ports(), event);
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
