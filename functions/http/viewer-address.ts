import { z } from "zod";

/**
 * The header in which CloudFront (a viewer-request function in infra/aws) hands the API the
 * browser's address, overwriting whatever the browser sent under that name.
 */
export const VIEWER_ADDRESS_HEADER = "x-viewer-address";

const Ip = z.union([z.ipv4(), z.ipv6()]);

/**
 * The browser's address from that header. Behind CloudFront, API Gateway's source address is
 * an edge server many customers share, so per-address rate limits keyed on it would refuse
 * them all together. Anything but one address is ignored.
 */
export function viewerAddress(header: string | undefined): string | undefined {
  const address = Ip.safeParse(header);
  return address.success ? address.data : undefined;
}
