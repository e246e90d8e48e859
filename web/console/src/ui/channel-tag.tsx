import type { Channel } from "../data/console-types";
import { useI18n } from "../providers/i18n-provider";
import { ChannelIcon } from "./icons";

/**
 * A conversation's channel, icon and name. The icon carries the name for assistive technology,
 * so the visible word beside it is not read twice.
 */
export function ChannelTag(props: { channel: Channel }) {
  const { t } = useI18n();
  const label = () => t(`channel.${props.channel}`);
  return (
    <span class={`channel-tag channel-${props.channel}`}>
      <ChannelIcon channel={props.channel} label={label()} />
      <span aria-hidden="true">{label()}</span>
    </span>
  );
}
