import { type Duration, Stack } from "aws-cdk-lib";
import { SqsQueue, type SqsQueueProps } from "aws-cdk-lib/aws-events-targets";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { CfnPipe } from "aws-cdk-lib/aws-pipes";
import { type IQueue, Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { SECURE_QUEUE } from "./dead-letter-queue.js";

/** The one message group of the inbox: events wait there in the order EventBridge delivered them. */
const ARRIVAL_GROUP = "arrival";

/** The most messages SQS takes in one SendMessageBatch, which the pipe sends through. */
const PIPE_BATCH_SIZE = 10;

export type OrderedEventQueueProps = {
  /** The field of each EventBridge event whose value is its message group, e.g. `detail.data.sender`. */
  groupBy: string;
  /** How long a consumer holds a message before SQS hands it out again. */
  visibilityTimeout: Duration;
  /** A FIFO queue for what keeps failing, in the inbox or in the consumer. */
  deadLetters: IQueue;
  /** Receives of one message before it moves to the dead letters. */
  maxReceiveCount: number;
  description: string;
};

/**
 * A FIFO queue of EventBridge events in which events with the same value of one field form a
 * message group, so that its consumer takes them one at a time and in order.
 *
 * An EventBridge rule cannot set that group itself: its SQS target takes one fixed message group
 * id, and would serialise every event behind every other. So the rule fills a FIFO inbox in one
 * group, in arrival order, and an EventBridge pipe moves each event on to `queue` with the group
 * read from the event and the event's id as its deduplication id (Pipes, unlike rules, resolve
 * JSON paths in these parameters). The message body stays the EventBridge event.
 */
export class OrderedEventQueue extends Construct {
  /** Where the rule sends events (see `target`). */
  readonly inbox: Queue;
  /** What the consumer reads. */
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: OrderedEventQueueProps) {
    super(scope, id);
    const deadLetterQueue = { queue: props.deadLetters, maxReceiveCount: props.maxReceiveCount };
    // A rule's SQS target can only deliver to a FIFO queue that deduplicates by content; the body
    // is the whole EventBridge event, its id included, so that is deduplication by event id.
    this.inbox = new Queue(this, "Inbox", {
      ...SECURE_QUEUE,
      fifo: true,
      contentBasedDeduplication: true,
      deadLetterQueue,
    });
    this.queue = new Queue(this, "Queue", {
      ...SECURE_QUEUE,
      fifo: true,
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue,
    });

    const role = new Role(this, "PipeRole", {
      assumedBy: new ServicePrincipal("pipes.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
    });
    this.inbox.grantConsumeMessages(role);
    this.queue.grantSendMessages(role);
    const pipe = new CfnPipe(this, "Pipe", {
      description: props.description,
      roleArn: role.roleArn,
      source: this.inbox.queueArn,
      sourceParameters: { sqsQueueParameters: { batchSize: PIPE_BATCH_SIZE } },
      target: this.queue.queueArn,
      targetParameters: {
        // The inbox message's body is the EventBridge event, which Pipes parses as JSON.
        inputTemplate: "<$.body>",
        sqsQueueParameters: {
          messageGroupId: `$.body.${props.groupBy}`,
          messageDeduplicationId: "$.body.id",
        },
      },
    });
    // Pipes checks its role's access to the source and the target when it creates the pipe.
    pipe.node.addDependency(role);
  }

  /** The rule target that fills the inbox. */
  target(props: Omit<SqsQueueProps, "messageGroupId" | "message">) {
    return new SqsQueue(this.inbox, { ...props, messageGroupId: ARRIVAL_GROUP });
  }
}
