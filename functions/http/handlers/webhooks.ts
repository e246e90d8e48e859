import { mountWebhooksApi } from "../apis/webhooks-api.js";
import { lambdaApp } from "../lambda-app.js";

export const handler = await lambdaApp(mountWebhooksApi);
