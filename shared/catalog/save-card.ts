import { z } from "zod";
import {
  type AttachmentClaim,
  RequestUploadInput,
  requestUpload,
  verifyAttachments,
} from "../attachment/index.js";
import { unlessConditionFails } from "../data/condition-failed.js";
import { ConflictError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import {
  buttonsWithIds,
  CardFields,
  type CardImage,
  type CatalogCardItem,
  getCardItem,
  StaleCardError,
  toCatalogCard,
} from "./card.js";

/** What every channel shows inline, up to WhatsApp's size for an image: anything else goes as a document. */
const CARD_IMAGE_TYPES = ["image/png", "image/jpeg"];
const CARD_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

export const CreateCardInput = CardFields.extend({
  /** Chosen by the client once per card, so that a retried create stores one card. */
  clientRequestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8-64 letters, digits, '-' or '_'"),
});
export type CreateCardInput = z.input<typeof CreateCardInput>;

export const UpdateCardInput = CardFields.extend({
  /** The revision the admin loaded: a save over someone else's is refused with `stale_card`. */
  revision: z.number().int().positive(),
});
export type UpdateCardInput = z.input<typeof UpdateCardInput>;

/** A presigned upload for a card's image: PNG or JPEG, checked by its first bytes when the card is saved. */
export async function requestCardUpload(
  ports: Pick<Ports, "files">,
  admin: StaffIdentity,
  input: z.input<typeof RequestUploadInput>,
) {
  const parsed = RequestUploadInput.parse(input);
  assertCardImageType(parsed.contentType);
  if (parsed.size > CARD_IMAGE_MAX_BYTES) {
    throw new PayloadTooLargeError("A card's image is at most 5 MB", { maxBytes: CARD_IMAGE_MAX_BYTES });
  }
  return requestUpload(ports, { tenantId: admin.tenantId, ownerId: admin.staffId }, parsed);
}

function assertCardImageType(contentType: string) {
  if (!CARD_IMAGE_TYPES.includes(contentType)) {
    throw new UnsupportedMediaTypeError("A card's image is a PNG or a JPEG", { accepted: CARD_IMAGE_TYPES });
  }
}

/** The card's image after a save: kept as it was, taken from the admin's checked upload, or none. */
async function resolveImage(
  ports: Pick<Ports, "files">,
  admin: StaffIdentity,
  claim: AttachmentClaim | undefined,
  current: CardImage | undefined,
): Promise<CardImage | undefined> {
  if (!claim) return undefined;
  if (current?.attachmentId === claim.attachmentId) return { ...current, name: claim.name };
  const [image] = await verifyAttachments(ports, { tenantId: admin.tenantId, ownerId: admin.staffId }, [
    claim,
  ]);
  assertCardImageType(image!.contentType);
  return image;
}

function cardParts(fields: z.infer<typeof CardFields>, image: CardImage | undefined) {
  return {
    topic: fields.topic,
    title: fields.title,
    body: fields.body,
    language: fields.language,
    tags: fields.tags,
    buttons: buttonsWithIds(fields.buttons),
    links: fields.links,
    form: fields.form,
    ...(image && { image }),
  };
}

/** An admin adds a card to the tenant's catalog; a retry with the same client request id returns it. */
export async function createCard(ports: Ports, admin: StaffIdentity, input: CreateCardInput) {
  const parsed = CreateCardInput.parse(input);
  const cardId = `crd_${parsed.clientRequestId}`;
  const image = await resolveImage(ports, admin, parsed.image, undefined);
  const now = ports.clock.now().toISOString();
  const item: CatalogCardItem = {
    tenantId: admin.tenantId,
    cardId,
    state: "active",
    revision: 1,
    ...cardParts(parsed, image),
    updatedBy: admin.name,
    createdAt: now,
    updatedAt: now,
  };
  const created = await unlessConditionFails(ports.db.catalogCard.create(item).go());
  if (created) return { card: toCatalogCard(item), duplicate: false };
  return { card: toCatalogCard(await getCardItem(ports, admin.tenantId, cardId)), duplicate: true };
}

/** An admin saves a card over the revision he loaded. */
export async function updateCard(ports: Ports, admin: StaffIdentity, cardId: string, input: UpdateCardInput) {
  const parsed = UpdateCardInput.parse(input);
  const current = await getCardItem(ports, admin.tenantId, cardId);
  if (current.revision !== parsed.revision) throw new StaleCardError(current.revision);
  if (current.state === "archived") throw new ConflictError("card_archived", "The card is archived");
  const image = await resolveImage(ports, admin, parsed.image, current.image as CardImage | undefined);
  const parts = cardParts(parsed, image);
  const changes = {
    ...parts,
    revision: parsed.revision + 1,
    updatedBy: admin.name,
    updatedAt: ports.clock.now().toISOString(),
  };
  const patch = ports.db.catalogCard.patch({ tenantId: admin.tenantId, cardId }).set(changes);
  const saved = await unlessConditionFails(
    (image ? patch : patch.remove(["image"]))
      .where(({ revision }, { eq }) => eq(revision, parsed.revision))
      .go(),
  );
  if (!saved) throw new StaleCardError((await getCardItem(ports, admin.tenantId, cardId)).revision);
  const { image: _previous, ...rest } = current;
  return toCatalogCard({ ...rest, ...changes });
}

/** Takes a card out of the agents' search; cards already sent stay as they were in their cases. */
export async function archiveCard(ports: Ports, admin: StaffIdentity, cardId: string) {
  const current = await getCardItem(ports, admin.tenantId, cardId);
  if (current.state === "archived") return toCatalogCard(current);
  const changes = {
    state: "archived" as const,
    revision: current.revision + 1,
    updatedBy: admin.name,
    updatedAt: ports.clock.now().toISOString(),
  };
  const saved = await unlessConditionFails(
    ports.db.catalogCard
      .patch({ tenantId: admin.tenantId, cardId })
      .set(changes)
      .where(({ revision }, { eq }) => eq(revision, current.revision))
      .go(),
  );
  if (!saved) return archiveCard(ports, admin, cardId);
  return toCatalogCard({ ...current, ...changes });
}
