/** Who the business is on WhatsApp: the ids every webhook carries. */
export type WhatsAppBusiness = {
  businessAccountId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
};

/** One element of a webhook's `messages`: what the customer sent, as Meta writes it. */
export type WhatsAppInboundMessage = {
  from: string;
  id: string;
  timestamp: string;
  type: string;
  context?: { from: string; id: string };
  [content: string]: unknown;
};

/** An error in a `failed` status, as Meta reports why a message it accepted never arrived. */
export type WhatsAppStatusError = {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
};

const ERROR_CODES_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

/**
 * A free-form message outside the 24 h customer-service window. The Cloud API accepts the send
 * (200 and a wamid) and reports this afterwards in a `failed` status.
 */
export const RE_ENGAGEMENT_ERROR: WhatsAppStatusError = {
  code: 131047,
  title: "Re-engagement message",
  message: "Re-engagement message",
  error_data: {
    details:
      "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
  },
  href: ERROR_CODES_HREF,
};

/** A `link` Meta could not download. */
export function mediaUploadError(details: string): WhatsAppStatusError {
  return {
    code: 131053,
    title: "Media upload error",
    message: "Media upload error",
    error_data: { details },
    href: ERROR_CODES_HREF,
  };
}

export type WhatsAppStatus = {
  id: string;
  status: "sent" | "delivered" | "read" | "failed";
  timestamp: string;
  recipient_id: string;
  biz_opaque_callback_data?: string;
  conversation?: { id: string; expiration_timestamp?: string; origin: { type: string } };
  pricing?: { billable: boolean; pricing_model: "PMP"; category: string; type: string };
  errors?: WhatsAppStatusError[];
};

/** Meta's timestamps: Unix seconds, as a string. */
export const unixSeconds = (ms: number) => String(Math.floor(ms / 1000));

function envelope(business: WhatsAppBusiness, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: business.businessAccountId,
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: business.displayPhoneNumber,
                phone_number_id: business.phoneNumberId,
              },
              ...value,
            },
            field: "messages",
          },
        ],
      },
    ],
  };
}

/** The webhook for a customer's messages (Meta batches several at times), with his profile as `contacts`. */
export function messageWebhook(
  business: WhatsAppBusiness,
  customer: { waId: string; name: string },
  ...messages: WhatsAppInboundMessage[]
) {
  return envelope(business, {
    contacts: [{ profile: { name: customer.name }, wa_id: customer.waId }],
    messages,
  });
}

/** The webhook for changes in the business's messages. */
export function statusWebhook(business: WhatsAppBusiness, ...statuses: WhatsAppStatus[]) {
  return envelope(business, { statuses });
}
