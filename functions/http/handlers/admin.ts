import { mountAdminApi } from "../apis/admin-api.js";
import { lambdaApp } from "../lambda-app.js";

export const handler = await lambdaApp(mountAdminApi);
