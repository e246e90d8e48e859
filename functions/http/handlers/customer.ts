import { mountCustomerApi } from "../apis/customer-api.js";
import { lambdaApp } from "../lambda-app.js";

export const handler = await lambdaApp(mountCustomerApi);
